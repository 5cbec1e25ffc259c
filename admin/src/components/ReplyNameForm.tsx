import { useState } from 'react';

import { Box, Button, Field, Flex, TextInput, Typography } from '@strapi/design-system';
import { Check } from '@strapi/icons';
import { useNotification, useRBAC } from '@strapi/strapi/admin';

import { REPLY_NAME_MAX } from '../../../contracts/moderation';
import { useGetBlogReplyNameQuery, useSaveBlogReplyNameMutation } from '../api/blog';
import { PERMISSIONS } from '../permissions';
import { useErrorMessage, type QueryError } from '../utils/useErrorMessage';
import { useTranslate } from '../utils/useTranslate';

/**
 * Settings → Blog: the name the current admin's replies from the Moderation view are signed with
 * (their own, whatever the blog's settings; their display name until they choose one). Shown to
 * admins who may moderate.
 */
export const ReplyNameForm = () => {
  const t = useTranslate();
  const { toggleNotification } = useNotification();
  const errorMessage = useErrorMessage();
  const { allowedActions } = useRBAC(PERMISSIONS.moderateComments);
  const current = useGetBlogReplyNameQuery(undefined, { skip: !allowedActions.canModerate });
  const [save, { isLoading: saving }] = useSaveBlogReplyNameMutation();
  const [typed, setTyped] = useState<string | null>(null);

  if (!allowedActions.canModerate || !current.data) return null;
  const value = typed ?? (current.data.isDefault ? '' : current.data.name);

  const submit = async () => {
    try {
      await save({ name: value }).unwrap();
      setTyped(null);
      toggleNotification({ type: 'success', message: t('settings.replyName.saved') });
    } catch (cause) {
      toggleNotification({ type: 'danger', message: errorMessage(cause as QueryError) });
    }
  };

  return (
    <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Typography variant="delta" tag="h2">
            {t('settings.section.replies')}
          </Typography>
          <Field.Root
            name="replyName"
            id="blog-setting-replyName"
            hint={t('settings.replyName.hint', { name: current.data.name })}
          >
            <Field.Label>{t('settings.replyName')}</Field.Label>
            <TextInput
              value={value}
              maxLength={REPLY_NAME_MAX}
              placeholder={current.data.isDefault ? current.data.name : undefined}
              onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
                setTyped(event.target.value)
              }
            />
            <Field.Hint />
          </Field.Root>
          <Flex>
            <Button type="submit" variant="secondary" startIcon={<Check />} loading={saving}>
              {t('settings.replyName.save')}
            </Button>
          </Flex>
        </Flex>
      </form>
    </Box>
  );
};
