import { builtinSpec } from '../../core/spec/builtin';
import { UsageError, parseArgs, type Command } from '../cli-kit';

export const command: Command = {
  summary: 'Prints the built-in qualification specification as JSON.',
  usage: 'builtin-spec',
  async run(argv, io) {
    const args = parseArgs(argv, [], []);
    if (args.positionals.length > 0) throw new UsageError('builtin-spec takes no arguments.');
    io.stdout(JSON.stringify(builtinSpec(), null, 2));
    return 0;
  },
};
