/**
 * Shown while repeated failed sign-ins keep the official locked out from some network address;
 * an administrator ends the lock here (POST /api/users/:id/sign-in-unlock).
 */
import { Alert, Button, Group, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { UserSummary } from '../../../../contracts/org.ts'
import { usersApi } from '../../api/users.ts'
import { ProblemAlert } from '../../ui/ProblemAlert.tsx'
import { useAction } from '../../ui/useAction.ts'

export function SignInLockAlert({ user, canManage, onSaved }: { user: UserSummary; canManage: boolean; onSaved: (user: UserSummary) => void }) {
  const { t } = useTranslation('office')
  const unlock = useAction(async () => onSaved(await usersApi.unlockSignIn(user.id)))
  if (!user.signInLocked) return null
  return (
    <Alert color="orange" role="status" title={t('users.signInLockedShort')}>
      <Group justify="space-between" align="center" wrap="wrap">
        <Text size="sm">{t('users.signInLocked')}</Text>
        {canManage && (
          <Button size="xs" color="orange" loading={unlock.pending} onClick={() => void unlock.run()}>
            {t('users.unlockSignIn')}
          </Button>
        )}
      </Group>
      <ProblemAlert error={unlock.error} />
    </Alert>
  )
}
