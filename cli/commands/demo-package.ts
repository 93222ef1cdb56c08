/**
 * `demo-package -o <file> [--items N] [--images N] [--seed N]` (CONTRACTS.md §3): writes a
 * realistic, deterministic demo portfolio against the built-in specification.
 *
 * Attachments are written to a temporary folder as they are made and streamed from there into
 * the package, so memory stays bounded however many (or however large) the pictures are.
 * `--image-bytes N` (not in the contract; for benchmarks) makes each picture about N bytes.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_DEFAULTS, DEMO_LIMITS, generateDemoPortfolioLazy } from '../../core/demo/demo-portfolio';
import type { AttachmentPayload } from '../../core/package/writer';
import { formatBytes, MAX_MANIFEST_BYTES } from '../../core/package/zip-format';
import { builtinSpec } from '../../core/spec/builtin';
import { EXIT_OK, InputError, UsageError, integerOption, optionValue, parseArgs, type Command } from '../cli-kit';
import { writePackageFile } from '../package-file';

const MAX_SEED = Number.MAX_SAFE_INTEGER;
const MAX_IMAGE_BYTES = 512 * 1024 * 1024;
/**
 * Measured: 25,000 items make a manifest of 55–59 MiB depending on the seed, so beyond 30,000
 * the 64 MiB limit is certain to be exceeded; between, the manifest is measured after generating.
 */
const MAX_PACKAGE_ITEMS = 30_000;

function outputPath(args: ReturnType<typeof parseArgs>): string {
  const short = optionValue(args, '-o');
  const long = optionValue(args, '--output');
  if (short !== undefined && long !== undefined) throw new UsageError('Give the output file once, with -o or --output.');
  const path = short ?? long;
  if (path === undefined) throw new UsageError('Say where to write the demo package with -o <file>.');
  if (args.positionals.length > 0) throw new UsageError(`demo-package takes no other arguments; got "${args.positionals[0] ?? ''}". Give the output file with -o <file>.`);
  return path;
}

/** Streams a file in 1 MiB chunks, so a large picture is never held whole. */
function filePayload(sha256: string, size: number, path: string): AttachmentPayload {
  return {
    sha256,
    size,
    chunks: async function* () {
      for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
        if (!(chunk instanceof Uint8Array)) throw new Error('A temporary attachment file could not be read as bytes.');
        yield chunk;
      }
    },
  };
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
}

export const command: Command = {
  summary: 'Writes a realistic demo portfolio package against the built-in specification.',
  usage: 'demo-package -o <file.portfolio> [--items N] [--images N] [--seed N] [--image-bytes N]',
  async run(argv, io) {
    const args = parseArgs(argv, ['-o', '--output', '--items', '--images', '--seed', '--image-bytes'], []);
    const output = outputPath(args);
    // The package's 64 MiB manifest limit, not the generator's, bounds what can be written.
    const items = integerOption(args, '--items', DEMO_DEFAULTS.items, DEMO_LIMITS.items.min, Math.min(DEMO_LIMITS.items.max, MAX_PACKAGE_ITEMS), 'a package manifest may be at most 64 MiB');
    const images = integerOption(args, '--images', DEMO_DEFAULTS.images, DEMO_LIMITS.images.min, DEMO_LIMITS.images.max);
    const seed = integerOption(args, '--seed', DEMO_DEFAULTS.seed, 0, MAX_SEED);
    const imageBytes = optionValue(args, '--image-bytes') === undefined ? undefined : integerOption(args, '--image-bytes', 0, 10_000, MAX_IMAGE_BYTES);

    const folder = await mkdtemp(join(tmpdir(), 'portfolio-demo-'));
    try {
      const files = new Map<string, string>();
      const demo = await generateDemoPortfolioLazy({
        spec: builtinSpec(),
        items,
        images,
        seed,
        ...(imageBytes !== undefined ? { targetImageBytes: imageBytes } : {}),
        retainBytes: 0,
        onAttachment: async (attachment, bytes) => {
          const path = join(folder, attachment.sha256);
          await writeFile(path, bytes);
          files.set(attachment.sha256, path);
        },
      });
      const { manifest } = demo;
      const manifestBytes = Buffer.byteLength(JSON.stringify(manifest), 'utf8');
      if (manifestBytes > MAX_MANIFEST_BYTES) {
        const perItem = manifestBytes / items;
        throw new InputError(
          `A demo portfolio of ${plural(items, 'item')} needs a manifest of ${formatBytes(manifestBytes)}, more than the 64 MiB a package may hold. Use --items ${Math.floor((MAX_MANIFEST_BYTES * 0.95) / perItem)} or fewer.`,
        );
      }
      const payloads = demo.attachments.map((attachment) => filePayload(attachment.sha256, attachment.size, files.get(attachment.sha256) ?? join(folder, attachment.sha256)));
      await writePackageFile(output, manifest, payloads);

      const pictures = manifest.attachments.filter((attachment) => attachment.mediaType.startsWith('image/')).length;
      const others = manifest.attachments.length - pictures;
      const attachmentBytes = manifest.attachments.reduce((sum, attachment) => sum + attachment.size, 0);
      const coveredPoints = new Set(manifest.mappings.map((mapping) => mapping.markingPointId));
      const allPoints = manifest.qualification.units.flatMap((unit) => unit.learningOutcomes.flatMap((outcome) => outcome.markingPoints.map((point) => point.id)));
      const gaps = allPoints.filter((id) => !coveredPoints.has(id)).length;
      const types = new Set(manifest.evidence.map((item) => item.type)).size;
      io.stdout(
        `Wrote ${output}: ${manifest.portfolio.learner.name} at ${manifest.portfolio.centre.name}, ${plural(items, 'evidence item')} of ${plural(types, 'type')}, ` +
          `${plural(manifest.mappings.length, 'mapping')}, ${plural(gaps, 'gap')}, ${plural(pictures, 'picture')} and ${plural(others, 'other attachment')} (${formatBytes(attachmentBytes)}), ` +
          `${plural(manifest.decisions.length, 'signed decision')}, ${plural(manifest.signOffs.length, 'unit sign-off')} (seed ${seed}).`,
      );
      return EXIT_OK;
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  },
};
