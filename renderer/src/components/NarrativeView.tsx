import { Fragment, useMemo } from 'react';
import { parseNarrative } from '../../../core/evidence/narrative';

/**
 * A narrative shown safely: parsed into paragraphs and lists and rendered as React text
 * only (never as HTML), with paragraph numbers that mapping locators refer to.
 */
export function NarrativeView({ text, showNumbers = true, emptyText = 'Nothing written yet.' }: { text: string; showNumbers?: boolean; emptyText?: string }) {
  const blocks = useMemo(() => parseNarrative(text), [text]);
  if (blocks.length === 0) return <p className="subtle">{emptyText}</p>;
  return (
    <div className="narrative">
      {blocks.map((block) => (
        <div key={block.number} className="narrative-block">
          {showNumbers ? (
            <span className="paragraph-number" aria-label={`Paragraph ${block.number}`}>
              ¶{block.number}
            </span>
          ) : null}
          {block.kind === 'paragraph' ? (
            <p>
              {block.lines.map((line, index) => (
                <Fragment key={index}>
                  {index > 0 ? <br /> : null}
                  {line}
                </Fragment>
              ))}
            </p>
          ) : block.isOrdered ? (
            <ol start={block.start}>
              {block.items.map((item, index) => (
                <li key={index}>{item}</li>
              ))}
            </ol>
          ) : (
            <ul>
              {block.items.map((item, index) => (
                <li key={index}>{item}</li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </div>
  );
}
