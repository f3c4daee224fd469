import { Text } from '@mantine/core';
import { useId, useRef, useState, type DragEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MATERIAL_ACCEPT } from '../../../../core/materials';
import { currentLocale } from '../../../i18n';
import classes from './Materials.module.css';
import { ALLOWED_LABELS, formatBytes, MAX_BYTES } from './upload';

interface Props {
  onFile: (file: File) => void;
  disabled?: boolean;
  /** Shorter, for a new version in the drawer. */
  compact?: boolean;
  children?: ReactNode;
  testId?: string;
}

/**
 * A drop zone that is also a file input: drop a file on it, or click it (or focus it and press
 * Enter or Space) to choose one. It says what is accepted before anything is sent; the `accept`
 * list is a hint only — the server reads the type from the content.
 */
export function FileDrop({ onFile, disabled = false, compact = false, children, testId }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const limits = t('materials.upload.limits', { types: ALLOWED_LABELS.join(', '), size: formatBytes(MAX_BYTES, currentLocale()) });

  const drop = (e: DragEvent<HTMLLabelElement>) => {
    e.preventDefault();
    setOver(false);
    if (disabled) return;
    const file = e.dataTransfer.files[0];
    if (file) onFile(file);
  };

  return (
    <label
      htmlFor={id}
      className={classes.drop}
      data-over={over || undefined}
      data-disabled={disabled || undefined}
      data-compact={compact || undefined}
      onDragOver={(e) => {
        e.preventDefault();
        if (!disabled) {
          e.dataTransfer.dropEffect = 'copy';
          setOver(true);
        }
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
      data-testid={testId}
    >
      <input
        ref={input}
        id={id}
        type="file"
        accept={MATERIAL_ACCEPT}
        className={classes.fileInput}
        disabled={disabled}
        aria-describedby={`${id}-limits`}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (file) onFile(file);
          // The same file may be chosen again after a refusal.
          e.currentTarget.value = '';
        }}
        data-testid={testId ? `${testId}-input` : undefined}
      />
      <UploadGlyph />
      <Text size="sm" fw={600} className={classes.dropLead}>
        {/* Where files cannot be dragged (phones, tablets), only the choice is offered. */}
        <span className={classes.dropWithPointer}>
          {t('materials.upload.drop')} <span className={classes.dropChoose}>{t('materials.upload.choose')}</span>
        </span>
        <span className={`${classes.dropChoose} ${classes.dropTouch}`}>{t('materials.upload.chooseFile')}</span>
      </Text>
      <Text size="xs" c="dimmed" id={`${id}-limits`} className={classes.dropLimits} data-testid="upload-limits">
        {limits}
      </Text>
      {children}
    </label>
  );
}

const UploadGlyph = () => (
  <svg className={classes.dropGlyph} width="28" height="28" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
    <path d="M12 15V4M7.5 8.5 12 4l4.5 4.5" />
    <path d="M4 14v4.5A1.5 1.5 0 0 0 5.5 20h13a1.5 1.5 0 0 0 1.5-1.5V14" />
  </svg>
);
