import { Fragment, type ReactNode } from 'react';
import type { BlockNode, InlineNode, Mark, RichText } from '../../core/rich-text';

function withMarks(text: ReactNode, marks: readonly Mark[] | undefined): ReactNode {
  return (marks ?? []).reduce<ReactNode>((node, mark) => {
    switch (mark.type) {
      case 'bold':
        return <strong>{node}</strong>;
      case 'italic':
        return <em>{node}</em>;
      case 'underline':
        return <u>{node}</u>;
      case 'link':
        return (
          <a href={mark.attrs.href} target="_blank" rel="noopener noreferrer nofollow">
            {node}
          </a>
        );
      default:
        return node;
    }
  }, text);
}

function Inline({ nodes }: { nodes: readonly InlineNode[] | undefined }) {
  return (
    <>
      {(nodes ?? []).map((n, i) => (n.type === 'hardBreak' ? <br key={i} /> : <Fragment key={i}>{withMarks(n.text, n.marks)}</Fragment>))}
    </>
  );
}

function Block({ node }: { node: BlockNode }) {
  switch (node.type) {
    case 'paragraph':
      return (
        <p>
          <Inline nodes={node.content} />
        </p>
      );
    case 'blockquote':
      return (
        <blockquote>
          {node.content.map((b, i) => (
            <Block key={i} node={b} />
          ))}
        </blockquote>
      );
    case 'bulletList':
    case 'orderedList': {
      const items = node.content.map((li, i) => (
        <li key={i}>
          {li.content.map((b, j) => (
            <Block key={j} node={b} />
          ))}
        </li>
      ));
      return node.type === 'bulletList' ? <ul>{items}</ul> : <ol start={node.attrs?.start}>{items}</ol>;
    }
    default:
      return null;
  }
}

/**
 * Renders stored rich text node by node, as React elements: no HTML string is ever
 * interpreted, so a document cannot inject markup or script.
 */
export function RichTextView({ doc }: { doc: RichText }) {
  return (
    <>
      {doc.content.map((b, i) => (
        <Block key={i} node={b} />
      ))}
    </>
  );
}
