/**
 * PDF export in the main process: the window uploads the portfolio's package (streamed into
 * a temporary file), then main asks where to save, builds the PDF from the package with the
 * same core code as the CLI, reports progress, and can be cancelled. The PDF is written
 * atomically: a cancelled or failed export leaves no file behind.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { PdfExportRequest, PdfExportResult, ProgressEvent } from '../../contract';
import { describeRefusal, finalPrintVerdict } from '../../../core/checks/submission-gate';
import { contentHashesOf } from '../../../core/coverage/coverage';
import { fileByteSource, nodeCrc32, nodeSha256Hasher } from '../../../core/node/file-io';
import { readPackage } from '../../../core/package/reader';
import { exportSubmissionPdf } from '../../../core/pdf/build-pdf';
import { formatProblem } from '../../../core/problems';
import { AtomicFileWriter } from './atomic-file';
import type { SaveSessions } from './save-sessions';

export class PdfExporter {
  private readonly uploads = new Map<string, string>();
  private current: AbortController | undefined;

  constructor(
    private readonly scratchFolder: string,
    private readonly saves: SaveSessions,
    private readonly chooseSavePath: (defaultName: string) => Promise<string | undefined>,
    private readonly sendProgress: (event: ProgressEvent) => void,
  ) {}

  /** Opens a save stream into a private temporary file; its id is the upload id. */
  async beginUpload(): Promise<string> {
    await mkdir(this.scratchFolder, { recursive: true });
    const path = join(this.scratchFolder, `upload-${randomUUID()}.portfolio`);
    const saveId = await this.saves.begin(path);
    this.uploads.set(saveId, path);
    return saveId;
  }

  async export(request: PdfExportRequest): Promise<PdfExportResult> {
    const packagePath = this.uploads.get(request.uploadId);
    if (!packagePath) return { status: 'failed', message: 'The portfolio was not handed over for export. Please try again.' };
    if (this.current) return { status: 'failed', message: 'Another PDF is being made. Wait for it to finish or cancel it first.' };
    const controller = new AbortController();
    this.current = controller;
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
      return { status: 'failed', message: error instanceof Error ? error.message : String(error) };
    } finally {
      this.current = undefined;
      this.uploads.delete(request.uploadId);
      await rm(packagePath, { force: true });
    }
  }

  cancel(): void {
    this.current?.abort();
  }
}
