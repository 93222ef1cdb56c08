/**
 * `npm run -s portfolio -- <command> [options]`: the product's services from a terminal,
 * running the same core code as the desktop app (CONTRACTS.md §3).
 */
import { EXIT_INVALID, EXIT_USAGE, InputError, UsageError, terminalText, type Command, type CommandIo } from './cli-kit';

/** Each command lives in its own module, loaded only when used. */
const COMMANDS: Record<string, () => Promise<{ command: Command }>> = {
  'builtin-spec': () => import('./commands/builtin-spec'),
  'validate-spec': () => import('./commands/validate-spec'),
  'convert-spec': () => import('./commands/convert-spec'),
  'demo-package': () => import('./commands/demo-package'),
  'validate-package': () => import('./commands/validate-package'),
  coverage: () => import('./commands/coverage'),
  check: () => import('./commands/check'),
  verify: () => import('./commands/verify'),
  'export-pdf': () => import('./commands/export-pdf'),
};

const io: CommandIo = {
  stdout: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  stderr: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

async function loadCommand(name: string): Promise<Command | undefined> {
  const load = COMMANDS[name];
  if (!load) return undefined;
  return (await load()).command;
}

async function help(): Promise<string> {
  const lines = ['Usage: npm run -s portfolio -- <command> [options]', '', 'Commands:'];
  for (const name of Object.keys(COMMANDS)) {
    const command = await loadCommand(name).catch(() => undefined);
    lines.push(`  ${name.padEnd(18)}${command?.summary ?? ''}`);
  }
  lines.push('', 'Exit codes: 0 success, 1 invalid input or a failed check, 2 wrong usage.');
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout)(await help());
    return name === undefined ? EXIT_USAGE : 0;
  }
  const command = await loadCommand(name);
  if (!command) {
    io.stderr(`Unknown command "${name}". Run with --help to see the commands.`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`Usage: npm run -s portfolio -- ${command.usage}\n${command.summary}`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\nUsage: npm run -s portfolio -- ${command.usage}`);
      return EXIT_USAGE;
    }
    if (error instanceof InputError) {
      // Messages quote the file's own text (entry names, fields): one clean line each.
      io.stderr(error.message.split('\n').map(terminalText).join('\n'));
      return error.exitCode;
    }
    // A fault of ours, not of the input: say so plainly; the detail helps a bug report.
    io.stderr(terminalText(`Something went wrong inside the program: ${error instanceof Error ? error.message : String(error)}`));
    if (process.env.PORTFOLIO_DEBUG && error instanceof Error) io.stderr(error.stack ?? '');
    return EXIT_INVALID;
  }
}

const isEntryPoint = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop() ?? '');
if (isEntryPoint) {
  // `builtin-spec | head -1` closes the pipe early: that is the reader's choice, not a fault,
  // so stop quietly (no "Unhandled 'error' event" trace) with the outcome so far.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') process.stderr.write(`The output could not be written: ${error.message}\n`);
      process.exit(typeof process.exitCode === 'number' ? process.exitCode : error.code === 'EPIPE' ? 0 : EXIT_INVALID);
    });
  }
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`Something went wrong inside the program: ${String(error)}\n`);
      process.exitCode = EXIT_INVALID;
    },
  );
}
