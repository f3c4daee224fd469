import type { HocuspocusProvider } from '@hocuspocus/provider';
import { ActionIcon, Button, Tooltip } from '@mantine/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DraftKinds, draftUniqueIds } from '../../core/draft-structure';
import { renderCaret, renderSelection } from './carets';
import type { CollabUser } from './collab-user';
import { styleNonce } from './csp-nonce';
import classes from './DraftEditor.module.css';
import { DraftHighlight } from './DraftHighlight';
import { DraftNumbering } from './DraftNumbering';
import { CollabPrecision } from './CollabPrecision';
import { BoldIcon, BulletListIcon, ItalicIcon, OrderedListIcon, RedoIcon, UndoIcon } from './icons';

interface Options {
  provider: HocuspocusProvider;
  user: CollabUser;
  editable: boolean;
  /** The draft's language: fonts, line breaking, spell checking and input methods follow it. */
  lang: string;
  label: string;
}

/**
 * A recommendations draft, edited live: Tiptap bound to the provider's Yjs document (its
 * 'default' fragment), others' carets and selections named, the draft's structure (paragraph
 * kinds, stable uids) and its ¶ and R numbers. Undo is Yjs's (only this person's own edits), so
 * StarterKit's history is off.
 */
export function useDraftEditor({ provider, user, editable, lang, label }: Options): Editor | null {
  const editor = useEditor(
    {
      extensions: [
        StarterKit.configure({ undoRedo: false, codeBlock: false, code: false, horizontalRule: false, strike: false, link: false, heading: { levels: [2, 3] } }),
        DraftKinds,
        draftUniqueIds({ collaborative: true }),
        DraftNumbering,
        DraftHighlight,
        Collaboration.configure({ document: provider.document, field: 'default' }),
        CollabPrecision,
        CollaborationCaret.configure({ provider, user, render: renderCaret, selectionRender: renderSelection }),
      ],
      editable,
      injectNonce: styleNonce(),
      shouldRerenderOnTransaction: false,
      editorProps: {
        attributes: {
          class: classes.content ?? '',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': label,
          lang,
          spellcheck: 'true',
          'data-testid': 'draft-text',
        },
      },
    },
    [provider],
  );
  useEffect(() => {
    if (editor && editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, editable]);
  useEffect(() => {
    if (!editor) return;
    editor.view.dom.setAttribute('aria-readonly', editable ? 'false' : 'true');
  }, [editor, editable]);
  return editor;
}

/** The editor's frame: the toolbar for those who edit, then the text. */
export function DraftEditorView({ editor, editable }: { editor: Editor; editable: boolean }) {
  return (
    <div className={classes.frame} data-readonly={editable ? undefined : true}>
      {editable ? <DraftToolbar editor={editor} /> : null}
      <EditorContent editor={editor} />
    </div>
  );
}

function DraftToolbar({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const s = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      paragraph: e.isActive('paragraph'),
      recommendation: e.isActive('paragraph', { kind: 'recommendation' }),
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
    }),
  });
  const mod = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+';
  const toggleRecommendation = () => {
    const chain = editor.chain().focus();
    if (!s.paragraph) chain.setParagraph();
    chain.updateAttributes('paragraph', { kind: s.recommendation ? 'text' : 'recommendation' }).run();
  };
  const text = (key: string, label: string, active: boolean, run: () => void, extra?: ReactNode) => (
    <Button
      key={key}
      size="compact-sm"
      variant={active ? 'light' : 'subtle'}
      color={active ? 'navy' : 'gray'}
      aria-pressed={active}
      onMouseDown={(e) => e.preventDefault()}
      onClick={run}
      data-testid={`draft-tool-${key}`}
    >
      {extra}
      {label}
    </Button>
  );
  const icon = (key: string, label: string, node: ReactNode, active: boolean, run: () => void) => (
    <Tooltip key={key} label={label} withArrow openDelay={400}>
      <ActionIcon variant={active ? 'light' : 'subtle'} color={active ? 'navy' : 'gray'} size="md" aria-label={label} aria-pressed={active} onMouseDown={(e) => e.preventDefault()} onClick={run} data-testid={`draft-tool-${key}`}>
        {node}
      </ActionIcon>
    </Tooltip>
  );
  return (
    <div role="toolbar" aria-label={t('drafts.editor.toolbar')} className={classes.toolbar}>
      {text('recommendation', t('drafts.editor.recommendation'), s.recommendation, toggleRecommendation)}
      <span className={classes.toolSep} aria-hidden="true" />
      {text('heading', t('drafts.editor.heading'), s.h2, () => editor.chain().focus().toggleHeading({ level: 2 }).run())}
      {text('subheading', t('drafts.editor.subheading'), s.h3, () => editor.chain().focus().toggleHeading({ level: 3 }).run())}
      <span className={classes.toolSep} aria-hidden="true" />
      {icon('bold', `${t('proposal.editor.bold')} (${mod}B)`, <BoldIcon />, s.bold, () => editor.chain().focus().toggleBold().run())}
      {icon('italic', `${t('proposal.editor.italic')} (${mod}I)`, <ItalicIcon />, s.italic, () => editor.chain().focus().toggleItalic().run())}
      {icon('bulletList', t('proposal.editor.bulletList'), <BulletListIcon />, s.bulletList, () => editor.chain().focus().toggleBulletList().run())}
      {icon('orderedList', t('proposal.editor.orderedList'), <OrderedListIcon />, s.orderedList, () => editor.chain().focus().toggleOrderedList().run())}
      <span className={classes.toolSep} aria-hidden="true" />
      {icon('undo', `${t('drafts.editor.undo')} (${mod}Z)`, <UndoIcon />, false, () => editor.chain().focus().undo().run())}
      {icon('redo', `${t('drafts.editor.redo')} (${mod}⇧Z)`, <RedoIcon />, false, () => editor.chain().focus().redo().run())}
    </div>
  );
}
