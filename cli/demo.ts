/**
 * `npm run demo [-- --items N --images N --seed N]`: makes the demo portfolio against the
 * built-in specification, writes it as a package to out/demo/demo.portfolio, opens that package
 * again exactly as a reader would (full validation), and exports its PDF submission to
 * out/demo/demo.pdf. Prints where both are.
 */
import { mkdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { finalPrintVerdict } from '../core/checks/submission-gate';
import { contentHashesOf } from '../core/coverage/coverage';
import { DEMO_DEFAULTS, DEMO_LIMITS, generateDemoPortfolio } from '../core/demo/demo-portfolio';
import { exportSubmissionPdf } from '../core/pdf/build-pdf';
import { formatBytes } from '../core/pdf/format';
import { builtinSpec } from '../core/spec/builtin';
import type { AttachmentPayload } from '../core/package/writer';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, InputError, UsageError, integerOption, parseArgs } from './cli-kit';
import { writeFileAtomically } from './commands/export-pdf';
import { openPackageFile, writePackageFile } from './package-file';

export async function runDemo(argv: string[], outDir = join(process.cwd(), 'out', 'demo')): Promise<{ packagePath: string; pdfPath: string; pages: number; isDraft: boolean; errors: number }> {
  const args = parseArgs(argv, ['--items', '--images', '--seed'], []);
  if (args.positionals.length > 0) throw new UsageError(`Unexpected argument "${args.positionals[0] ?? ''}".`);
  const items = integerOption(args, '--items', DEMO_DEFAULTS.items, DEMO_LIMITS.items.min, DEMO_LIMITS.items.max);
  const images = integerOption(args, '--images', DEMO_DEFAULTS.images, DEMO_LIMITS.images.min, DEMO_LIMITS.images.max);
  const seed = integerOption(args, '--seed', DEMO_DEFAULTS.seed, 0, Number.MAX_SAFE_INTEGER);

  await mkdir(outDir, { recursive: true });
  const packagePath = join(outDir, 'demo.portfolio');
  const pdfPath = join(outDir, 'demo.pdf');
  const demo = await generateDemoPortfolio({ items, images, seed, spec: builtinSpec() });
  const payloads: AttachmentPayload[] = [...demo.attachments].map(([sha256, bytes]) => ({
    sha256,
    size: bytes.byteLength,
    chunks: async function* () {
      yield bytes;
    },
  }));
  await writePackageFile(packagePath, demo.manifest, payloads);

  // The PDF is made from the package as written, so the demo proves the whole pipeline.
  const opened = await openPackageFile(packagePath);
  try {
    // The demo has deliberate gaps, so its checks find errors: like export-pdf, it then prints a draft.
    const verdict = finalPrintVerdict(opened.manifest, await contentHashesOf(opened.manifest.evidence));
    const isDraft = !verdict.isFinalAllowed;
    const stats = await writeFileAtomically(pdfPath, (sink) =>
      exportSubmissionPdf({ manifest: opened.manifest, readAttachment: (sha256) => opened.readAttachment(sha256), isDraft }, sink),
    );
    return { packagePath, pdfPath, pages: stats.pages, isDraft, errors: verdict.errors.length };
  } finally {
    await opened.close();
  }
}

const isEntryPoint = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop() ?? '');
if (isEntryPoint) {
  runDemo(process.argv.slice(2)).then(
    async ({ packagePath, pdfPath, pages, isDraft, errors }) => {
      const { stat } = await import('node:fs/promises');
      const [packageSize, pdfSize] = await Promise.all([stat(packagePath), stat(pdfPath)]);
      process.stdout.write(`Demo portfolio package: ${relative(process.cwd(), packagePath)} (${formatBytes(packageSize.size)})\n`);
      process.stdout.write(`Its PDF submission:     ${relative(process.cwd(), pdfPath)} (${pages} pages, ${formatBytes(pdfSize.size)})\n`);
      if (isDraft) process.stdout.write(`It is marked DRAFT on every page: the checks find ${errors} ${errors === 1 ? 'error' : 'errors'} (the demo's deliberate gaps); see them with npm run -s portfolio -- check ${relative(process.cwd(), packagePath)}\n`);
      process.exitCode = EXIT_OK;
    },
    (error: unknown) => {
      if (error instanceof UsageError) {
        process.stderr.write(`${error.message}\nUsage: npm run demo -- [--items N] [--images N] [--seed N]\n`);
        process.exitCode = EXIT_USAGE;
      } else if (error instanceof InputError) {
        process.stderr.write(`${error.message}\n`);
        process.exitCode = error.exitCode;
      } else {
        process.stderr.write(`Something went wrong inside the program: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = EXIT_INVALID;
      }
    },
  );
}
