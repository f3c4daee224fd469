import { Title, type TitleProps } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';

/** The history entry whose heading last took focus: each page change moves focus once. */
let focusedForKey: string | null = null;

/** Sets the browser tab's title: '<page> · Accord'. */
export function useDocumentTitle(title: string | undefined) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = title ? `${title} · ${t('app.name')}` : t('app.name');
  }, [title, t]);
}

/**
 * The page's one h1. After a client-side navigation it takes focus, as a page load would,
 * so screen-reader and keyboard users start at the new page's name.
 */
export function PageTitle({ children, documentTitle, ...props }: TitleProps & { documentTitle?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const location = useLocation();
  useDocumentTitle(documentTitle ?? (typeof children === 'string' ? children : undefined));
  useEffect(() => {
    // 'default' is the entry the app was opened at: the browser already placed focus there.
    if (location.key === 'default' || focusedForKey === location.key) return;
    focusedForKey = location.key;
    ref.current?.focus({ preventScroll: true });
    // Only a change of page moves focus, not a change of tab or filter on the same page.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [location.pathname]);
  return (
    <Title order={1} ref={ref} tabIndex={-1} {...props}>
      {children}
    </Title>
  );
}
