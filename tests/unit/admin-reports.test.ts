import { createIntl } from 'react-intl';

import en from '../../admin/src/translations/en.json';
import fr from '../../admin/src/translations/fr.json';
import { reasonSentence } from '../../admin/src/utils/reason-sentence';
import { REPORT_REASONS } from '../../contracts/comments';
import { reasonParts } from '../../server/src/moderation/reason-parts';

const say = (messages: Record<string, string>, locale: string) => {
  const intl = createIntl({
    locale,
    messages,
    onError: (error) => {
      throw error;
    },
  });
  return (id: string, values?: Record<string, string | number>) =>
    intl.formatMessage({ id }, values);
};
const english = say(en, 'en');
const french = say(fr, 'fr');

describe('what the admin says of readers’ edits and reports', () => {
  it('says a hold by reports as a sentence, in English and French', () => {
    const parts = reasonParts('reported: 3 reports (holding from 3)')!;
    expect(reasonSentence(parts, english)).toBe('Held: 3 readers reported it (holding from 3).');
    expect(reasonSentence(parts, french)).toBe('Retenu : 3 lecteurs l’ont signalé (retenu dès 3).');
    const one = reasonParts('reported: 1 reports (holding from 1)')!;
    expect(reasonSentence(one, english)).toBe('Held: 1 reader reported it (holding from 1).');
  });

  it('says an author’s edit, and names readers as who changed a status', () => {
    expect(reasonSentence(reasonParts('reader-edit: the author changed the text')!, english)).toBe(
      'Its author changed the text.'
    );
    expect(reasonSentence(reasonParts('pending by readers')!, english)).toBe(
      'Put on hold by readers.'
    );
    expect(reasonSentence(reasonParts('pending by readers')!, french)).toMatch(/les lecteurs/);
  });

  it('names every report reason in both languages', () => {
    for (const reason of REPORT_REASONS) {
      expect(english(`reports.reason.${reason}`)).not.toBe(`reports.reason.${reason}`);
      expect(french(`reports.reason.${reason}`)).not.toBe(`reports.reason.${reason}`);
    }
  });
});
