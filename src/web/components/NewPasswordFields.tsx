import { PasswordInput, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../core/limits';

/** A new password typed twice, checked for length and agreement before it is sent. */
export function useNewPassword() {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [checked, setChecked] = useState(false);
  const tooShort = password.length < LIMITS.passwordMin;
  const differs = confirm !== password;
  return {
    password,
    confirm,
    setPassword,
    setConfirm,
    checked,
    tooShort,
    differs,
    /** Shows the problems, if any; true when the password may be sent. */
    check: () => {
      setChecked(true);
      return !tooShort && !differs;
    },
    reset: () => {
      setPassword('');
      setConfirm('');
      setChecked(false);
    },
  };
}

export function NewPasswordFields({ state, autoFocus }: { state: ReturnType<typeof useNewPassword>; autoFocus?: boolean }) {
  const { t } = useTranslation();
  const min = LIMITS.passwordMin;
  return (
    <Stack gap="md">
      <PasswordInput
        label={t('auth.newPassword')}
        description={t('auth.passwordHint', { min })}
        name="new-password"
        autoComplete="new-password"
        required
        maxLength={LIMITS.passwordMax}
        value={state.password}
        onChange={(e) => state.setPassword(e.currentTarget.value)}
        error={state.checked && state.tooShort ? t('auth.passwordTooShort', { min }) : undefined}
        data-autofocus={autoFocus || undefined}
        autoFocus={autoFocus}
      />
      <PasswordInput
        label={t('auth.confirmPassword')}
        name="confirm-password"
        autoComplete="new-password"
        required
        maxLength={LIMITS.passwordMax}
        value={state.confirm}
        onChange={(e) => state.setConfirm(e.currentTarget.value)}
        error={state.checked && !state.tooShort && state.differs ? t('auth.passwordsDiffer') : undefined}
      />
    </Stack>
  );
}
