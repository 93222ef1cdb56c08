/** The learner's declaration of authenticity and the assessor's declaration, verbatim. */
import { startSection, type BuildContext } from '../context';
import { formatInstant } from '../format';
import type { Struct } from '../layout';
import type { Declaration } from '../../model/portfolio';

export function drawDeclarations(ctx: BuildContext): void {
  const { layout, model } = ctx;
  const { struct } = startSection(ctx, 'Declarations');
  const declarations = model.manifest.declarations;
  const groups: { title: string; kind: string; missing: string }[] = [
    {
      title: 'Learner declaration of authenticity',
      kind: 'learner-authenticity',
      missing: 'The learner has not signed a declaration of authenticity. An awarding body will not accept the portfolio without one.',
    },
    {
      title: 'Assessor declaration',
      kind: 'assessor',
      missing: 'The assessor has not signed a declaration for this portfolio.',
    },
  ];
  for (const group of groups) {
    const section = layout.group(struct, 'Sect', { title: group.title });
    layout.heading(section, 2, group.title);
    const matching = declarations.filter((declaration) => declaration.kind === group.kind);
    if (matching.length === 0) layout.notice(section, group.missing, { isStrong: true });
    for (const declaration of matching) drawDeclaration(ctx, section, declaration);
    section.end();
  }
  const others = declarations.filter((declaration) => !groups.some((group) => group.kind === declaration.kind));
  if (others.length > 0) {
    const section = layout.group(struct, 'Sect', { title: 'Other declarations' });
    layout.heading(section, 2, 'Other declarations');
    for (const declaration of others) drawDeclaration(ctx, section, declaration);
    section.end();
  }
  struct.end();
}

function drawDeclaration(ctx: BuildContext, parent: Struct, declaration: Declaration): void {
  const { layout, model } = ctx;
  layout.narrative(parent, declaration.text);
  const key = declaration.signature?.publicKey;
  const fingerprint = key === undefined ? undefined : model.fingerprints.get(key);
  const failure = model.signatureFailures.get(declaration);
  layout.fields(parent, [
    { label: 'Signed by', value: declaration.signer ? `${declaration.name} (${declaration.signer.role === 'learner' ? 'learner' : declaration.signer.role === 'iqa' ? 'internal quality assurer' : 'assessor'})` : declaration.name },
    { label: 'Signed on', value: formatInstant(declaration.signedAt) },
    ...(declaration.signature
      ? [
          { label: 'Signature', value: failure ? `DOES NOT VERIFY: ${failure}` : `Good: a signed record (${declaration.signature.algorithm}), number ${declaration.chain?.sequence ?? '?'} in the signer's chain` },
          { label: 'Key fingerprint', value: fingerprint ?? 'The key cannot be read' },
        ]
      : [{ label: 'Signature', value: 'None: a typed name (older form), not a signed record' }]),
  ]);
  layout.moveDown(6);
}
