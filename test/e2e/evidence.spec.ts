import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, expectNoSeriousAccessibilityProblems, test } from './fixtures';
import { MEDIA, addEvidence, backToList, expectSaved, startPortfolio } from './evidence-helpers';

/** Drops files onto a drop zone as a person dragging them from their desktop would. */
async function dropFiles(page: Page, testId: string, files: Array<{ name: string; path: string }>): Promise<void> {
  const payload = files.map((file) => ({ name: file.name, base64: readFileSync(file.path).toString('base64') }));
  const dataTransfer = await page.evaluateHandle((list) => {
    const transfer = new DataTransfer();
    for (const file of list) {
      const bytes = Uint8Array.from(atob(file.base64), (char) => char.charCodeAt(0));
      transfer.items.add(new File([bytes], file.name));
    }
    return transfer;
  }, payload);
  await page.getByTestId(testId).dispatchEvent('drop', { dataTransfer });
}

async function chooseFiles(page: Page, names: string[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'choose files…' }).click();
  await (await chooser).setFiles(names.map((name) => join(MEDIA, name)));
}

test.describe('Evidence', () => {
  test('creates every kind of evidence with its own fields, and finds them all after a reload', async ({ page }) => {
    test.setTimeout(120_000);
    await startPortfolio(page);
    await expectNoSeriousAccessibilityProblems(page);
    await page.screenshot({ path: '.test-output/screens/evidence-empty.png' });

    // Reflective account, structured by a complaint-handling model.
    await addEvidence(page, 'Reflective account');
    await page.getByLabel('Title', { exact: true }).fill('Delayed ISA transfer complaint');
    await page.getByLabel('Reactive and proactive').check();
    await page.getByLabel('Narrative: what happened and what you did').fill('Mrs C rang about an ISA transfer delayed for three weeks.\n\nI followed our complaints procedure:\n- logged the complaint\n- escalated to the transfers team\n\nThe transfer completed and I confirmed it with her.');
    await page.getByLabel('Complaint-handling model you followed').selectOption('LATER');
    for (const [stage, text] of [['Listen', 'I let her explain without interrupting.'], ['Apologise', 'I apologised for the delay.'], ['Thank', 'I thanked her for raising it.'], ['Empathise', 'I acknowledged how worrying it was.'], ['Resolve', 'I chased the transfer and called her back.']]) {
      await page.getByLabel(`${stage}: what you did`).fill(text ?? '');
    }
    await page.getByLabel('What went well').fill('She was calm by the end of the call.');
    await page.getByLabel('What I would do differently').fill('Check the transfer status before calling back.');
    await page.getByLabel('How I stopped it happening again').fill('Added a weekly check of open transfers to the team checklist.');
    await page.getByLabel('Financial Services and Markets Act 2000').check();
    await page.getByLabel('Another act, regulation or policy').fill('Branch complaints policy v4');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByLabel('Tags', { exact: true }).fill('complaint, ISA, escalation');
    await expectSaved(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Delayed ISA transfer complaint');
    await expectNoSeriousAccessibilityProblems(page);
    await page.screenshot({ path: '.test-output/screens/evidence-reflective-account.png', fullPage: true });
    await backToList(page);

    // Witness testimony with the witness's details and confirmation.
    await addEvidence(page, 'Witness testimony');
    await page.getByLabel('Title', { exact: true }).fill('Statement from my team leader');
    await page.getByLabel('Witness’s name').fill('Jo Patel');
    await page.getByLabel('Their job role').fill('Customer service team leader');
    await page.getByLabel('How they know you').fill('My line manager for two years');
    await page.getByLabel('How to contact them').fill('jo.patel@example.org');
    await page.getByLabel('Statement, in the witness’s words').fill('I saw Sam calm an upset customer and follow our complaints procedure to the letter.');
    await page.getByLabel('Date of the statement').fill('2026-03-02');
    await page.getByRole('button', { name: 'The witness confirmed it today' }).click();
    await page.getByLabel('Reactive', { exact: true }).check();
    await expectSaved(page);
    await expectNoSeriousAccessibilityProblems(page);
    await page.getByRole('region', { name: 'The witness and their statement' }).screenshot({ path: '.test-output/screens/evidence-witness-testimony.png' });
    await backToList(page);

    await addEvidence(page, 'Observation record');
    await page.getByLabel('Title', { exact: true }).fill('Observed at the branch counter');
    await page.getByLabel('Observer').fill('Priya Shah');
    await page.getByLabel('Date of the observation').fill('2026-02-20');
    await page.getByLabel('Setting', { exact: true }).fill('Branch counter');
    await expectSaved(page);
    await backToList(page);

    await addEvidence(page, 'Professional discussion record');
    await page.getByLabel('Title', { exact: true }).fill('Discussion about escalation');
    await page.getByLabel('Who the discussion was with').fill('Priya Shah');
    await page.getByLabel('Topics discussed').fill('When to escalate, and why.');
    await expectSaved(page);
    await backToList(page);

    // Complaint log showing the stages it covers.
    await addEvidence(page, 'Complaint or case log');
    await page.getByLabel('Title', { exact: true }).fill('Complaint log CR-1042');
    await page.getByLabel('Case or complaint reference').fill('CR-1042');
    await page.getByLabel(/^Identification/).check();
    await page.getByLabel(/^Resolution/).check();
    await page.getByLabel(/^Recording/).check();
    await expectSaved(page);
    await backToList(page);

    // Call recording with its length and the consent.
    await addEvidence(page, 'Call recording');
    await page.getByLabel('Title', { exact: true }).fill('Recorded call about a refund');
    await page.getByLabel('Length of the call').fill('4:30');
    await page.getByLabel('Consent or permission').fill('Recorded line; the caller heard the recording message. Team leader agreed its use.');
    await expectSaved(page);
    await expectNoSeriousAccessibilityProblems(page);
    await page.screenshot({ path: '.test-output/screens/evidence-call-recording.png' });
    await backToList(page);

    await addEvidence(page, 'Customer feedback or survey');
    await page.getByLabel('Title', { exact: true }).fill('March survey results');
    await page.getByLabel('Where the feedback came from').fill('Post-call survey');
    await page.getByLabel('Number of responses (optional)').fill('212');
    await expectSaved(page);
    await backToList(page);

    await addEvidence(page, 'Mystery shopping report');
    await page.getByLabel('Title', { exact: true }).fill('Mystery shop, web chat');
    await page.getByLabel('Channel').fill('Web chat');
    await expectSaved(page);
    await backToList(page);

    await addEvidence(page, 'Work product');
    await page.getByLabel('Title', { exact: true }).fill('Revised transfers checklist');
    await page.getByLabel('What it is').fill('Revised procedure');
    await expectSaved(page);
    await backToList(page);

    await addEvidence(page, 'Question-and-answer record');
    await page.getByLabel('Title', { exact: true }).fill('Questions on the Consumer Rights Act');
    await page.getByLabel('Who asked the questions').fill('Priya Shah');
    await expectSaved(page);
    await backToList(page);

    await expect(page.getByTestId('evidence-count')).toHaveText('10 items');
    await page.reload();
    await expect(page.getByTestId('evidence-count')).toHaveText('10 items');
    for (const title of ['Delayed ISA transfer complaint', 'Statement from my team leader', 'Observed at the branch counter', 'Discussion about escalation', 'Complaint log CR-1042', 'Recorded call about a refund', 'March survey results', 'Mystery shop, web chat', 'Revised transfers checklist', 'Questions on the Consumer Rights Act']) {
      await expect(page.getByRole('link', { name: title })).toBeVisible();
    }
    await expectNoSeriousAccessibilityProblems(page);
    await page.screenshot({ path: '.test-output/screens/evidence-list.png' });

    // Everything typed is still there.
    await page.getByRole('link', { name: 'Delayed ISA transfer complaint' }).click();
    await expect(page.getByLabel('Complaint-handling model you followed')).toHaveValue('LATER');
    await expect(page.getByLabel('Thank: what you did')).toHaveValue('I thanked her for raising it.');
    await expect(page.getByLabel('Financial Services and Markets Act 2000')).toBeChecked();
    await expect(page.getByText('Branch complaints policy v4')).toBeVisible();
    await expect(page.getByLabel('Tags', { exact: true })).toHaveValue('complaint, ISA, escalation');
    await page.getByText('How it reads, with paragraph numbers').click();
    await expect(page.getByLabel('Paragraph 2')).toBeVisible();
    await expect(page.locator('.narrative li').filter({ hasText: 'escalated to the transfers team' })).toBeVisible();
    await backToList(page);
    await page.getByRole('link', { name: 'Statement from my team leader' }).click();
    await expect(page.getByLabel('Date the witness confirmed it')).not.toHaveValue('');
    await expect(page.getByLabel('How to contact them')).toHaveValue('jo.patel@example.org');
    await backToList(page);
    await page.getByRole('link', { name: 'Recorded call about a refund' }).click();
    await expect(page.getByLabel('Length of the call')).toHaveValue('4:30');
  });

  test('shows a narrative as text, never as markup', async ({ page }) => {
    await startPortfolio(page);
    await addEvidence(page, 'Work product');
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs++;
      void dialog.dismiss();
    });
    await page.getByLabel('Narrative: what happened and what you did').fill('<img src=x onerror="alert(1)"> <b>bold</b>\n\n<script>alert(2)</script>');
    await page.getByText('How it reads, with paragraph numbers').click();
    await expect(page.locator('.narrative').getByText('<img src=x onerror="alert(1)"> <b>bold</b>')).toBeVisible();
    await expect(page.locator('.narrative img, .narrative b, .narrative script')).toHaveCount(0);
    await expectSaved(page);
    expect(dialogs).toBe(0);
  });

  test('autosave keeps typing through an immediate reload, and refuses a field it cannot store', async ({ page }) => {
    await startPortfolio(page);
    await addEvidence(page, 'Reflective account');
    await page.getByLabel('Title', { exact: true }).fill('Typed just before a reload');
    // Reload at once, before the autosave pause has passed.
    await page.reload();
    await expect(page.getByLabel('Title', { exact: true })).toHaveValue('Typed just before a reload');
    await expectSaved(page);
    await page.reload();
    await expect(page.getByLabel('Title', { exact: true })).toHaveValue('Typed just before a reload');

    await page.getByLabel('Date of the activity').fill('');
    await expect(page.getByTestId('save-status')).toHaveText('Not saved: fix the field marked in red');
    const alert = page.getByRole('alert').filter({ hasText: 'stops this being saved' });
    await expect(alert).toContainText('Enter the date of the activity.');
    await expect(page.getByLabel('Date of the activity')).toHaveAttribute('aria-invalid', 'true');
    await page.getByLabel('Date of the activity').fill('2026-03-01');
    await expectSaved(page);
  });

  test('attaches an image and a recording with the file chooser and by drag and drop; refuses what it cannot keep', async ({ page }) => {
    await startPortfolio(page);
    await addEvidence(page, 'Call recording');
    await page.getByLabel('Title', { exact: true }).fill('Call with attachments');

    await chooseFiles(page, ['complaint-log.png', 'call-extract.wav']);
    const files = page.getByRole('list', { name: 'Attached files' });
    await expect(files.getByRole('listitem')).toHaveCount(2);
    await expect(files.getByRole('img', { name: 'Preview of complaint-log.png' })).toBeVisible();
    await expect(files.getByText('PNG image · 490 bytes')).toBeVisible();
    await expect(files.getByText(/WAV audio · 23\.5 KB/)).toBeVisible();

    // The recording really plays: the browser decodes it and knows its length.
    const audio = files.getByLabel('Play “call-extract.wav”');
    await expect.poll(() => audio.evaluate((element) => (element instanceof HTMLAudioElement ? element.duration : 0))).toBeCloseTo(1.5, 1);
    await audio.evaluate((element) => (element instanceof HTMLAudioElement ? element.play() : undefined));
    await expect.poll(() => audio.evaluate((element) => (element instanceof HTMLAudioElement ? element.currentTime : 0))).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Use this length (0:01.5) for the call' }).click();
    await expect(page.getByLabel('Length of the call')).toHaveValue('0:01.5');

    await dropFiles(page, 'attachment-drop-zone', [
      { name: 'team-briefing.jpg', path: join(MEDIA, 'team-briefing.jpg') },
      { name: 'call-intro.mp3', path: join(MEDIA, 'call-intro.mp3') },
      { name: 'not-really-a-photo.png', path: join(MEDIA, 'not-really-a-photo.png') },
      { name: 'screenshot-saved-as.txt', path: join(MEDIA, 'screenshot-saved-as.txt') },
    ]);
    await expect(files.getByRole('listitem')).toHaveCount(5);
    await expect(files.getByRole('img', { name: 'Preview of team-briefing.jpg' })).toBeVisible();
    await expect(files.getByLabel('Play “call-intro.mp3”')).toBeVisible();
    // Named .txt but a PNG by its bytes: shown as an image.
    await expect(files.getByRole('img', { name: 'Preview of screenshot-saved-as.txt' })).toBeVisible();
    const refusal = page.getByRole('alert').filter({ hasText: 'was not attached' });
    await expect(refusal).toContainText('“not-really-a-photo.png” is not a kind of file the app can keep.');

    // The same file again is not stored twice.
    await chooseFiles(page, ['complaint-log.png']);
    await expect(page.getByRole('alert').filter({ hasText: 'already attached' })).toBeVisible();
    await expect(files.getByRole('listitem')).toHaveCount(5);

    // A larger view of an image, closed with Escape.
    await files.getByRole('button', { name: 'Show “team-briefing.jpg” larger' }).click();
    const dialog = page.getByRole('dialog', { name: 'team-briefing.jpg' });
    await expect(dialog.getByRole('img', { name: 'team-briefing.jpg' })).toBeVisible();
    await page.screenshot({ path: '.test-output/screens/evidence-image-preview.png' });
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);

    await expectNoSeriousAccessibilityProblems(page);
    await page.getByRole('region', { name: 'Files' }).screenshot({ path: '.test-output/screens/evidence-attachments.png' });

    await page.reload();
    await expect(page.getByRole('list', { name: 'Attached files' }).getByRole('listitem')).toHaveCount(5);
    await expect(page.getByRole('img', { name: 'Preview of complaint-log.png' })).toBeVisible();
  });

  test('refuses a file over 250 MB with a clear message', async ({ page }) => {
    await startPortfolio(page);
    await addEvidence(page, 'Call recording');
    const dataTransfer = await page.evaluateHandle(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(250 * 1024 * 1024 + 1)], 'whole-shift.wav'));
      return transfer;
    });
    await page.getByTestId('attachment-drop-zone').dispatchEvent('drop', { dataTransfer });
    await expect(page.getByRole('alert').filter({ hasText: 'was not attached' })).toContainText('“whole-shift.wav” is 250.0 MB, which is larger than the 250 MB limit for one attachment.');
    await expect(page.getByText('No files attached yet.')).toBeVisible();
  });
  test('saves a copy of an attachment (a PDF the app cannot show) to open elsewhere, in the desktop app and in a browser', async ({ page, bridge }) => {
    await startPortfolio(page);
    await addEvidence(page, 'Work product');
    await page.getByLabel('Title', { exact: true }).fill('Complaints policy I rewrote');
    await chooseFiles(page, ['complaints-policy.pdf']);
    const files = page.getByRole('list', { name: 'Attached files' });
    await expect(files.getByText(/PDF document/)).toBeVisible();

    // Desktop app: the main process asks where, and writes the file whole.
    bridge.nextSavePath = join(bridge.folder, 'policy copy.pdf');
    await files.getByRole('button', { name: 'Save a copy of “complaints-policy.pdf”' }).click();
    await expect(files.getByRole('status')).toHaveText(`Saved a copy to ${bridge.nextSavePath}.`);
    expect(readFileSync(bridge.nextSavePath).equals(readFileSync(join(MEDIA, 'complaints-policy.pdf')))).toBe(true);
    await page.getByRole('region', { name: 'Files' }).screenshot({ path: '.test-output/screens/evidence-attachment-saved.png' });

    // Cancelling the dialog writes nothing and says nothing alarming.
    bridge.nextSavePath = undefined;
    await files.getByRole('button', { name: 'Save a copy of “complaints-policy.pdf”' }).click();
    await expect(files.getByRole('status')).toHaveCount(0);
    await expect(page.getByRole('alert')).toHaveCount(0);

    // A browser tab without the desktop bridge: a download with the same bytes.
    await page.evaluate(() => {
      delete (window as unknown as { portfolioBridge?: unknown }).portfolioBridge;
    });
    const download = page.waitForEvent('download');
    await files.getByRole('button', { name: 'Save a copy of “complaints-policy.pdf”' }).click();
    const saved = await download;
    expect(saved.suggestedFilename()).toBe('complaints-policy.pdf');
    const path = join(bridge.folder, 'downloaded.pdf');
    await saved.saveAs(path);
    expect(readFileSync(path).equals(readFileSync(join(MEDIA, 'complaints-policy.pdf')))).toBe(true);
  });
});
