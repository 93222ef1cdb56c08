/**
 * Reads a PDF's objects through qpdf's JSON (qpdf --json=2), independently of pdfkit, so tests
 * can follow link annotations to their destinations and walk the structure tree.
 */
import { execFileSync } from 'node:child_process';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export class PdfObjects {
  private readonly objects: Record<string, { value?: Json; stream?: { dict: Json } }>;
  readonly pages: string[];

  constructor(file: string) {
    const text = execFileSync('qpdf', ['--json=2', '--json-key=qpdf', '--json-key=pages', file], { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
    const parsed = JSON.parse(text) as { qpdf: [unknown, Record<string, { value?: Json; stream?: { dict: Json } }>]; pages: { object: string }[] };
    this.objects = parsed.qpdf[1];
    this.pages = parsed.pages.map((page) => page.object);
  }

  /** An object's value (a stream's dictionary), following a reference "N 0 R". */
  get(value: Json | undefined): Json | undefined {
    if (typeof value === 'string' && /^\d+ \d+ R$/.test(value)) {
      const object = this.objects[`obj:${value}`];
      return object?.value ?? object?.stream?.dict;
    }
    return value;
  }

  dict(value: Json | undefined): Record<string, Json> {
    const resolved = this.get(value);
    return resolved !== null && typeof resolved === 'object' && !Array.isArray(resolved) ? resolved : {};
  }

  array(value: Json | undefined): Json[] {
    const resolved = this.get(value);
    return Array.isArray(resolved) ? resolved : [];
  }

  root(): Record<string, Json> {
    const trailer = this.objects.trailer?.value;
    return this.dict(this.dict(trailer)['/Root']);
  }

  /** Named destination → 0-based page index. */
  destinations(): Map<string, number> {
    const result = new Map<string, number>();
    const visit = (node: Record<string, Json>): void => {
      const names = this.array(node['/Names']);
      for (let index = 0; index + 1 < names.length; index += 2) {
        const name = String(names[index]).replace(/^u:/, '');
        const target = this.array(names[index + 1]);
        const page = this.pages.indexOf(String(target[0]));
        if (page >= 0) result.set(name, page);
      }
      for (const kid of this.array(node['/Kids'])) visit(this.dict(kid));
    };
    visit(this.dict(this.dict(this.root()['/Names'])['/Dests']));
    return result;
  }

  /** Every GoTo link annotation: its page, the destination name, and whether it sits in the structure tree. */
  links(): { page: number; destination: string; rect: number[]; structParent: number | undefined; contents: string }[] {
    const result: { page: number; destination: string; rect: number[]; structParent: number | undefined; contents: string }[] = [];
    this.pages.forEach((pageRef, page) => {
      for (const annotRef of this.array(this.dict(pageRef)['/Annots'])) {
        const annot = this.dict(annotRef);
        if (annot['/Subtype'] !== '/Link') continue;
        const action = this.dict(annot['/A']);
        const destination = String(action['/D'] ?? annot['/Dest'] ?? '').replace(/^u:/, '');
        const structParent = typeof annot['/StructParent'] === 'number' ? annot['/StructParent'] : undefined;
        result.push({ page, destination, rect: this.array(annot['/Rect']).map(Number), structParent, contents: String(annot['/Contents'] ?? '').replace(/^u:/, '') });
      }
    });
    return result;
  }

  /** Every structure element, with its type, attributes and kids (resolved). */
  structElements(): { type: string; element: Record<string, Json>; kids: Json[] }[] {
    const result: { type: string; element: Record<string, Json>; kids: Json[] }[] = [];
    const seen = new Set<string>();
    const visit = (ref: Json): void => {
      if (typeof ref === 'string') {
        if (seen.has(ref)) return;
        seen.add(ref);
      }
      const element = this.dict(ref);
      if (typeof element['/S'] !== 'string') return;
      const rawKids = element['/K'];
      const kids = Array.isArray(rawKids) ? rawKids : rawKids === undefined ? [] : [rawKids];
      result.push({ type: element['/S'], element, kids: kids.map((kid) => this.get(kid) ?? null) });
      for (const kid of kids) if (typeof kid === 'string' && /R$/.test(kid)) visit(kid);
    };
    const top = this.dict(this.root()['/StructTreeRoot'])['/K'];
    for (const kid of Array.isArray(top) ? top : [top ?? null]) visit(kid);
    return result;
  }
}
