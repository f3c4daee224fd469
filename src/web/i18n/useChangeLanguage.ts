import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Locale } from '../../core/charter';
import { keys, updateMe, updateMeInCache, type SessionData } from '../api/queries';
import { applyLocale } from '.';

/**
 * Switches the UI language on this device and, when someone is signed in, saves it to their
 * account so every device they use opens in it.
 */
export function useChangeLanguage() {
  const queryClient = useQueryClient();
  return useCallback(
    (locale: Locale) => {
      applyLocale(locale);
      const user = queryClient.getQueryData<SessionData>(keys.session)?.user;
      if (user && user.locale !== locale) {
        updateMeInCache(queryClient, { ...user, locale });
        // If saving fails the language still changes here; the account keeps its old choice.
        updateMe(queryClient, { locale }).catch(() => undefined);
      }
    },
    [queryClient],
  );
}
