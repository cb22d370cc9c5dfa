import type { CorpusDraft } from './types';

const d = (category: string, id: string, subject: string, text?: string): CorpusDraft => ({
  id,
  label: 'deceptive',
  category,
  subject,
  text:
    text ??
    'Hi Dana,\n\nFollowing up on our conversation: are you free on Thursday for 20 minutes to go through onboarding at Acme?\n\nSam',
  isFirstTouch: true,
});

/**
 * First touches that pretend to continue a conversation: reply and forward markers as mail clients in many
 * languages write them, wherever a client would still show them as a marker, and fake quoted threads.
 */
export const DECEPTIVE_MARKERS: CorpusDraft[] = [
  // --- reply markers -------------------------------------------------------------------------------
  d('reply marker', 'rm-re', 'Re: our call on Tuesday'),
  d('reply marker', 'rm-RE-upper', 'RE: Onboarding at Acme'),
  d('reply marker', 'rm-re-lower-space', 're : pricing question'),
  d('reply marker', 'rm-re-counter', 'Re[2]: the proposal'),
  d('reply marker', 'rm-re-paren-counter', 'RE(3): next steps'),
  d(
    'reply marker',
    'rm-aw-german',
    'AW: Ihre Anfrage zu Schulungen',
    'Hallo Frau Schneider,\n\nwie besprochen sende ich Ihnen die Unterlagen. Passt Donnerstag?\n\nJonas',
  ),
  d('reply marker', 'rm-sv-swedish', 'SV: Offert för Globex'),
  d('reply marker', 'rm-vs-finnish', 'VS: Tarjous'),
  d('reply marker', 'rm-antw-dutch', 'Antw: Uw offerte'),
  d('reply marker', 'rm-rif-italian', 'RIF: Preventivo magazzino'),
  d('reply marker', 'rm-r-italian', 'R: Preventivo magazzino'),
  d('reply marker', 'rm-res-portuguese', 'RES: Proposta comercial'),
  d('reply marker', 'rm-odp-polish', 'Odp: Oferta dla Acme'),
  d('reply marker', 'rm-ynt-turkish', 'YNT: Teklif hakkında'),
  d('reply marker', 'rm-greek', 'ΑΠ: Προσφορά'),
  d(
    'reply marker',
    'rm-chinese',
    '回复：关于贵公司的客服团队',
    '王经理您好，\n\n关于上次的通话，下周四方便吗？\n\n李明',
  ),
  d('reply marker', 'rm-chinese-traditional', '回覆: 報價單'),
  d('reply marker', 'rm-japanese', '返信: お見積もりの件'),
  d('reply marker', 'rm-korean', '회신: 견적 문의'),
  d('reply marker', 'rm-re-fullwidth-colon', 'Re：ご提案について'),

  // --- forward markers -----------------------------------------------------------------------------
  d('forward marker', 'fm-fwd', 'Fwd: Pricing for Acme'),
  d('forward marker', 'fm-FW', 'FW: Contract draft'),
  d('forward marker', 'fm-fw-lower', 'fw: intro'),
  d('forward marker', 'fm-wg-german', 'WG: Angebot'),
  d('forward marker', 'fm-tr-french', 'TR: Proposition commerciale'),
  d('forward marker', 'fm-rv-spanish', 'RV: Propuesta para Vandelay'),
  d('forward marker', 'fm-enc-portuguese', 'ENC: Apresentação'),
  d('forward marker', 'fm-vb-swedish', 'VB: Offert'),
  d('forward marker', 'fm-doorst-dutch', 'Doorst: Offerte'),
  d('forward marker', 'fm-chinese', '转发：产品介绍'),
  d('forward marker', 'fm-japanese', '転送: ご案内'),
  d('forward marker', 'fm-fwd-counter', 'FWD[2]: the deck you asked for'),

  // --- markers after a tag or a prefix a client shows first ----------------------------------------
  d('marker after a tag', 'tg-acme-re', '[Acme] Re: onboarding project'),
  d('marker after a tag', 'tg-external-re', '[EXTERNAL] RE: Invoice question'),
  d('marker after a tag', 'tg-paren-fwd', '(Globex) Fwd: vendor review'),
  d('marker after a tag', 'tg-ticket-aw', '[Ticket #48213] AW: Ihre Anfrage'),
  d('marker after a tag', 'tg-chained', 'RE: FW: Re: Acme renewal'),
  d('marker after a tag', 'tg-emoji-first', '📌 Re: our call'),

  // --- markers disguised from a pattern but not from a reader --------------------------------------
  d('disguised marker', 'dg-zero-width', '\u200bRe: our call'),
  d('disguised marker', 'dg-fullwidth', 'ＲＥ：ご提案の件'),
  d('disguised marker', 'dg-cyrillic-e', 'Rе: our call'), // Cyrillic е
  d('disguised marker', 'dg-nbsp', '\u00a0\u00a0Fwd:\u00a0pricing'),

  // --- a quoted thread that never happened ---------------------------------------------------------
  d(
    'fake quoted thread',
    'qt-forwarded-header',
    'Pricing for Acme',
    'Hi Dana,\n\nSee below.\n\n---------- Forwarded message ---------\nFrom: Sam Rivera <sam@fairsend.example>\nDate: Mon, 2 Mar 2026 at 10:02\nSubject: Pricing for Acme\nTo: Dana Lee <dana@acme.example>\n\nAs discussed, here is the pricing.',
  ),
  d(
    'fake quoted thread',
    'qt-original-message',
    'Our discussion',
    'Hi Tom,\n\nJust checking you saw this.\n\n-----Original Message-----\nFrom: Lena Park\nSent: Monday, March 2, 2026 9:14 AM\nTo: Tom Baker\nSubject: Our discussion\n\nGreat speaking with you yesterday.',
  ),
  d(
    'fake quoted thread',
    'qt-wrote',
    'The proposal',
    'Hi Rosa,\n\nBumping this to the top of your inbox.\n\nOn Tue, Mar 3, 2026 at 9:14 AM Luis Moreno <luis@fairsend.example> wrote:\n> Hi Rosa, thanks for the great call last week. As promised, the proposal.',
  ),
  d(
    'fake quoted thread',
    'qt-german-outlook',
    'Schulungen',
    'Hallo Frau Schneider,\n\nanbei nochmals meine Nachricht.\n\nVon: Jonas Becker <jonas@fairsend.example>\nGesendet: Montag, 2. März 2026 10:02\nAn: Schneider, Anna\nBetreff: AW: Schulungen\n\nwie telefonisch besprochen …',
  ),
];
