import { ActionIcon, Button, Group, Popover, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RichText } from '../../core/rich-text';
import { styleNonce } from './csp-nonce';
import { BoldIcon, BulletListIcon, ItalicIcon, LinkIcon, OrderedListIcon, QuoteIcon, UnderlineIcon } from './icons';
import classes from './RichTextEditor.module.css';
import { normalizeHref, SAFE_HREF, toRichText } from './rich-text-json';

interface Props {
  label: string;
  description?: string;
  /** The language the text is written in: fonts, spell checking and input methods follow it. */
  lang: string;
  /** The initial document; the editor keeps its own state afterwards (give a new `key` to reload it). */
  value: RichText;
  onChange: (doc: RichText) => void;
  error?: ReactNode;
  required?: boolean;
  'data-testid'?: string;
}

/**
 * Exactly the nodes and marks of src/core/rich-text.ts: paragraphs, bullet and numbered
 * lists, quotations, line breaks; bold, italic, underline, and links to http(s) or mailto.
 */
const extensions = [
  StarterKit.configure({
    heading: false,
    codeBlock: false,
    code: false,
    strike: false,
    horizontalRule: false,
    link: {
      openOnClick: false,
      autolink: true,
      linkOnPaste: true,
      defaultProtocol: 'https',
      isAllowedUri: (url) => SAFE_HREF.test(url),
      HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: null },
    },
  }),
];

export function RichTextEditor({ label, description, lang, value, onChange, error, required, 'data-testid': testId }: Props) {
  const labelId = useId();
  const descriptionId = useId();
  const errorId = useId();
  const describedBy = [description ? descriptionId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  const editor = useEditor({
    extensions,
    content: value,
    // The CSP allows only <style> tags that carry the page's nonce.
    injectNonce: styleNonce(),
    shouldRerenderOnTransaction: false,
    editorProps: {
      attributes: {
        class: classes.content ?? '',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': labelId,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(error ? { 'aria-invalid': 'true' } : {}),
        ...(required ? { 'aria-required': 'true' } : {}),
        lang,
        spellcheck: 'true',
      },
    },
    onUpdate: ({ editor: e }) => onChange(toRichText(e.getJSON())),
  });

  return (
    <div className={classes.field} data-testid={testId}>
      <Text component="div" id={labelId} size="sm" fw={500} className={classes.label} onClick={() => editor?.commands.focus()}>
        {label}
        {required ? (
          <span className={classes.required} aria-hidden="true">
            {' *'}
          </span>
        ) : null}
      </Text>
      {description ? (
        <Text id={descriptionId} size="xs" c="dimmed" className={classes.description}>
          {description}
        </Text>
      ) : null}
      <div className={classes.frame} data-error={error ? true : undefined}>
        {editor ? <Toolbar editor={editor} label={label} /> : null}
        <EditorContent editor={editor} />
      </div>
      {error ? (
        <Text id={errorId} size="xs" c="red.7" mt={4}>
          {error}
        </Text>
      ) : null}
    </div>
  );
}

function Toolbar({ editor, label }: { editor: Editor; label: string }) {
  const { t } = useTranslation();
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      underline: e.isActive('underline'),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      blockquote: e.isActive('blockquote'),
      link: e.isActive('link'),
      href: (e.getAttributes('link').href as string | undefined) ?? '',
    }),
  });
  const mod = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+';
  const buttons: { key: string; label: string; icon: ReactNode; active: boolean; run: () => void }[] = [
    { key: 'bold', label: `${t('proposal.editor.bold')} (${mod}B)`, icon: <BoldIcon />, active: state.bold, run: () => editor.chain().focus().toggleBold().run() },
    { key: 'italic', label: `${t('proposal.editor.italic')} (${mod}I)`, icon: <ItalicIcon />, active: state.italic, run: () => editor.chain().focus().toggleItalic().run() },
    { key: 'underline', label: `${t('proposal.editor.underline')} (${mod}U)`, icon: <UnderlineIcon />, active: state.underline, run: () => editor.chain().focus().toggleUnderline().run() },
    { key: 'bulletList', label: t('proposal.editor.bulletList'), icon: <BulletListIcon />, active: state.bulletList, run: () => editor.chain().focus().toggleBulletList().run() },
    { key: 'orderedList', label: t('proposal.editor.orderedList'), icon: <OrderedListIcon />, active: state.orderedList, run: () => editor.chain().focus().toggleOrderedList().run() },
    { key: 'blockquote', label: t('proposal.editor.quote'), icon: <QuoteIcon />, active: state.blockquote, run: () => editor.chain().focus().toggleBlockquote().run() },
  ];
  return (
    <div role="toolbar" aria-label={t('proposal.editor.toolbar', { field: label })} className={classes.toolbar}>
      {buttons.map((b, i) => (
        <Tooltip key={b.key} label={b.label} withArrow openDelay={400}>
          <ActionIcon
            variant={b.active ? 'light' : 'subtle'}
            color={b.active ? 'navy' : 'gray'}
            size="md"
            aria-label={b.label}
            aria-pressed={b.active}
            data-testid={`rte-${b.key}`}
            onMouseDown={(e) => e.preventDefault()}
            onClick={b.run}
            className={i === 3 || i === 5 ? classes.groupStart : undefined}
          >
            {b.icon}
          </ActionIcon>
        </Tooltip>
      ))}
      <LinkControl editor={editor} active={state.link} href={state.href} />
    </div>
  );
}

function LinkControl({ editor, active, href }: { editor: Editor; active: boolean; href: string }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [draft, setDraft] = useState('');
  const [invalid, setInvalid] = useState(false);
  const open = () => {
    setDraft(href);
    setInvalid(false);
    setOpened(true);
  };
  const apply = (e: FormEvent) => {
    e.preventDefault();
    e.stopPropagation();
    const normalized = normalizeHref(draft);
    if (!normalized) {
      setInvalid(true);
      return;
    }
    const chain = editor.chain().focus().extendMarkRange('link');
    if (editor.state.selection.empty && !active) {
      // Nothing selected: insert the address itself as the link's text.
      chain.insertContent({ type: 'text', text: draft.trim(), marks: [{ type: 'link', attrs: { href: normalized } }] }).run();
    } else chain.setLink({ href: normalized }).run();
    setOpened(false);
  };
  const remove = () => {
    editor.chain().focus().extendMarkRange('link').unsetLink().run();
    setOpened(false);
  };
  const label = t('proposal.editor.link');
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-start" withArrow shadow="md" trapFocus returnFocus>
      <Popover.Target>
        <Tooltip label={label} withArrow openDelay={400} disabled={opened}>
          <ActionIcon
            variant={active ? 'light' : 'subtle'}
            color={active ? 'navy' : 'gray'}
            size="md"
            aria-label={label}
            aria-pressed={active}
            aria-haspopup="dialog"
            data-testid="rte-link"
            className={classes.groupStart}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => (opened ? setOpened(false) : open())}
          >
            <LinkIcon />
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown>
        {/* Not a nested <form>: the editor sits inside the proposal's form. */}
        <Stack gap="xs" w={300} role="group" aria-label={label}>
          <TextInput
            label={t('proposal.editor.linkAddress')}
            description={t('proposal.editor.linkHint')}
            placeholder="https://"
            lang="en"
            value={draft}
            onChange={(e) => {
              setDraft(e.currentTarget.value);
              setInvalid(false);
            }}
            error={invalid ? t('proposal.editor.linkInvalid') : undefined}
            onKeyDown={(e) => (e.key === 'Enter' ? apply(e) : undefined)}
            data-autofocus
            size="sm"
          />
          <Group justify="space-between" gap="xs">
            {active ? (
              <Button variant="subtle" color="red" size="compact-sm" onClick={remove}>
                {t('proposal.editor.removeLink')}
              </Button>
            ) : (
              <span />
            )}
            <Group gap="xs">
              <Button variant="default" size="compact-sm" onClick={() => setOpened(false)}>
                {t('common.cancel')}
              </Button>
              <Button size="compact-sm" onClick={apply}>
                {t('proposal.editor.applyLink')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
