/**
 * The process and layer boundaries of DESIGN.md are enforced by lint: these cases prove
 * the rules fire (and stay quiet for what is allowed).
 */
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: root });

async function ruleIds(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return (result?.messages ?? []).map((message) => message.ruleId ?? 'parse-error');
}

describe('layer rules', () => {
  it.each([
    ["import { readFileSync } from 'node:fs';\nexport const x = readFileSync;", 'core/spec/probe.ts'],
    ["import React from 'react';\nexport const x = React;", 'core/coverage/probe.ts'],
    ["import { Dexie } from 'dexie';\nexport const x = Dexie;", 'core/model/probe.ts'],
    ["import { app } from 'electron';\nexport const x = app;", 'core/probe.ts'],
    ["import PDFDocument from 'pdfkit';\nexport const x = PDFDocument;", 'core/checks/probe.ts'],
    ["import { CHANNELS } from '../../electron/channels';\nexport const x = CHANNELS;", 'renderer/src/probe.ts'],
    ["import { app } from 'electron';\nexport const x = app;", 'renderer/src/probe.ts'],
    ["import { buildSubmissionPdf } from '../../core/pdf/build-pdf';\nexport const x = buildSubmissionPdf;", 'renderer/src/probe.ts'],
    ["import { readFileSync } from 'node:fs';\nexport const x = readFileSync;", 'renderer/src/probe.ts'],
  ])('refuses %j in %s', async (code, file) => {
    expect(await ruleIds(code, file)).toContain('no-restricted-imports');
  });

  it('refuses DOM and Node globals in core', async () => {
    expect(await ruleIds('export const x = document.title;', 'core/probe.ts')).toContain('no-restricted-globals');
    expect(await ruleIds('export const x = process.env;', 'core/probe.ts')).toContain('no-restricted-globals');
  });

  it('allows the contract in the renderer only as a type', async () => {
    expect(await ruleIds("import type { Bridge } from '../../electron/contract';\nexport type X = Bridge;", 'renderer/src/probe.ts')).toEqual([]);
    expect(await ruleIds("import { BRIDGE_NAME } from '../../electron/contract';\nexport const x = BRIDGE_NAME;", 'renderer/src/probe.ts')).toContain('@typescript-eslint/no-restricted-imports');
  });

  it('allows Node and pdfkit in core/pdf and core/node, and core in the CLI', async () => {
    expect(await ruleIds("import PDFDocument from 'pdfkit';\nexport const x = PDFDocument;", 'core/pdf/probe.ts')).toEqual([]);
    expect(await ruleIds("import { readFileSync } from 'node:fs';\nexport const x = readFileSync;", 'core/node/probe.ts')).toEqual([]);
    expect(await ruleIds("import { readFileSync } from 'node:fs';\nimport { builtinSpec } from '../core/spec/builtin';\nexport const x = [readFileSync, builtinSpec];", 'cli/probe.ts')).toEqual([]);
  });
});
