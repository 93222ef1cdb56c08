/**
 * PDF export in the main process: the window uploads the portfolio's package (streamed into
 * a temporary file), then main asks where to save, builds the PDF from the package with the
 * same core code as the CLI, reports progress, and can be cancelled. The PDF is written
 * atomically: a cancelled or failed export leaves no file behind.
 *
 * An upload the window never asks to export (it crashed, reloaded or closed part-way) is
 * removed: when the window goes, after UPLOAD_TTL_MS, and at start-up for any a crash left.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { PdfExportRequest, PdfExportResult, ProgressEvent } from '../../contract';
import { describeRefusal, finalPrintVerdict } from '../../../core/checks/submission-gate';
import { contentHashesOf } from '../../../core/coverage/coverage';
import { fileByteSource, nodeCrc32, nodeSha256Hasher } from '../../../core/node/file-io';
import { readPackage } from '../../../core/package/reader';
import { exportSubmissionPdf } from '../../../core/pdf/build-pdf';
import { formatProblem } from '../../../core/problems';
import { PlainError, plainMessage } from '../plain-errors';
import { AtomicFileWriter } from './atomic-file';
import type { SaveSessions } from './save-sessions';

/** Uploads waiting to be exported at once; the window makes one PDF at a time. */
export const MAX_PENDING_UPLOADS = 2;
/** An upload not exported within this time is abandoned and removed. */
export const UPLOAD_TTL_MS = 30 * 60 * 1000;

const UPLOAD_NAME = /^upload-[0-9a-f-]{36}\.portfolio$|^\.upload-[0-9a-f-]{36}\.portfolio\.[0-9a-f-]{36}\.partial$/;

interface Upload {
  path: string;
  timer: ReturnType<typeof setTimeout>;
}

export class PdfExporter {
  private readonly uploads = new Map<string, Upload>();
  private current: AbortController | undefined;
  private exporting: string | undefined;

  constructor(
    private readonly scratchFolder: string,
    private readonly saves: SaveSessions,
    private readonly chooseSavePath: (defaultName: string) => Promise<string | undefined>,
    private readonly sendProgress: (event: ProgressEvent) => void,
  ) {}

  /** Opens a save stream into a private temporary file; its id is the upload id. */
  async beginUpload(): Promise<string> {
    if (this.uploads.size >= MAX_PENDING_UPLOADS) {
      throw new PlainError('A portfolio is already being handed over for a PDF. Wait for that export to finish, then try again.');
    }
    await mkdir(this.scratchFolder, { recursive: true });
    const path = join(this.scratchFolder, `upload-${randomUUID()}.portfolio`);
    const saveId = await this.saves.begin(path, { shownAs: 'the portfolio for the PDF' });
    const timer = setTimeout(() => void this.discard(saveId), UPLOAD_TTL_MS);
    timer.unref?.();
    this.uploads.set(saveId, { path, timer });
    return saveId;
  }

  /** Uploads begun but not (yet) exported. */
  get pendingCount(): number {
    return this.uploads.size;
  }

  /** Throws an upload away (its save too, if still open), unless it is being exported now. */
  async discard(uploadId: string): Promise<void> {
    const upload = this.uploads.get(uploadId);
    if (!upload || this.exporting === uploadId) return;
    this.uploads.delete(uploadId);
    clearTimeout(upload.timer);
    await this.saves.abort(uploadId);
    await rm(upload.path, { force: true });
  }

  /** When the window goes: every upload it will never export. */
  async discardAll(): Promise<void> {
    await Promise.all([...this.uploads.keys()].map((id) => this.discard(id)));
  }

  /** At start-up: uploads a crash left behind in the scratch folder. */
  async removeLeftovers(): Promise<number> {
    let removed = 0;
    for (const name of await readdir(this.scratchFolder).catch(() => [] as string[])) {
      if (!UPLOAD_NAME.test(name)) continue;
      await rm(join(this.scratchFolder, name), { force: true });
      removed++;
    }
    return removed;
  }

  async export(request: PdfExportRequest): Promise<PdfExportResult> {
    const upload = this.uploads.get(request.uploadId);
    if (!upload) return { status: 'failed', message: 'The portfolio was not handed over for export. Please try again.' };
    if (this.current) return { status: 'failed', message: 'Another PDF is being made. Wait for it to finish or cancel it first.' };
    if (this.saves.has(request.uploadId)) return { status: 'failed', message: 'The portfolio has not been handed over in full yet. Please try again.' };
    const packagePath = upload.path;
    const controller = new AbortController();
    this.current = controller;
    this.exporting = request.uploadId;
    clearTimeout(upload.timer);
    try {
      const handle = await open(packagePath, 'r');
      try {
        const size = (await stat(packagePath)).size;
        const report = (stage: string) => (done: number, total: number) => this.sendProgress({ task: 'pdf-export', stage, done, total });
        const opened = await readPackage(fileByteSource(handle, size), { createHasher: nodeSha256Hasher, crc32: nodeCrc32, onProgress: report('Checking the portfolio') });
        if (!opened.ok) return { status: 'failed', message: opened.problems.map(formatProblem).join(' ') };
        if (!request.isDraft) {
          // The window offers only a draft when the checks find errors; this holds whatever it sends.
          const verdict = finalPrintVerdict(opened.manifest, await contentHashesOf(opened.manifest.evidence));
          if (!verdict.isFinalAllowed) return { status: 'failed', message: describeRefusal(verdict.errors, 'export a draft instead (every page is marked DRAFT).').join('\n') };
        }
        const target = await this.chooseSavePath(request.suggestedName);
        if (!target) return { status: 'cancelled' };
        const writer = await AtomicFileWriter.create(target);
        try {
          const stats = await exportSubmissionPdf(
            { manifest: opened.manifest, readAttachment: opened.readAttachment, isDraft: request.isDraft, onProgress: report('Making the PDF'), signal: controller.signal },
            writer,
          );
          const saved = await writer.commit();
          return { status: 'saved', path: saved.path, pages: stats.pages, bytes: saved.bytes };
        } catch (error) {
          await writer.abort();
          if (controller.signal.aborted) return { status: 'cancelled' };
          throw error;
        }
      } finally {
        await handle.close();
      }
    } catch (error) {
      return { status: 'failed', message: plainMessage(error, 'The PDF could not be made. Please try again.') };
    } finally {
      this.current = undefined;
      this.exporting = undefined;
      this.uploads.delete(request.uploadId);
      await rm(packagePath, { force: true });
    }
  }

  cancel(): void {
    this.current?.abort();
  }
}
