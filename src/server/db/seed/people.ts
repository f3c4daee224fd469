import type { Locale } from '../../../core/charter';

import type { PersonNames } from '../../../core/people';
import type { CouncilRole, GroupRole } from '../../../core/roles';

/** A fictional person in the demo data: every name, address and institution here is invented. */
export interface DemoPerson {
  /** Stable slug, e.g. 'kr-cochair'. */
  key: string;
  /** Always at demo.accord.example (the .example TLD is reserved). */
  email: string;
  /** Latin-script name as the person writes it in English. */
  displayName: string;
  /** Spellings, and each script's family name (the demo records every one: Kubota's is 久保田, three kanji the check could not guess). */
  names: PersonNames & { latin: string };
  /** A clearly fictional institution. */
  affiliation: string;
  /** Member committee code, or null for someone with no member committee. */
  committee: string | null;
  /** Preferred UI language. */
  locale: Locale;
  /** IANA time zone. */
  timeZone: string;
  councilRoles: CouncilRole[];
  /** Roles in the demo study group. */
  groupRoles: GroupRole[];
}

/** The demo council and the demo study group's participants: all fictional. */
export const demoPeople: DemoPerson[] = [
  // ── Council: Steering Committee co-chairs ────────────────────────────────────────────
  {
    key: 'sc-cochair-sg',
    email: 'huimin.lim@demo.accord.example',
    displayName: 'Lim Hui Min',
    names: { latin: 'Lim Hui Min', hanzi: '林慧敏', latinFamily: 'Lim', hanziFamily: '林' },
    affiliation: 'Straits Centre for Regional Dialogue (fictional)',
    committee: 'SG',
    locale: 'en',
    timeZone: 'Asia/Singapore',
    councilRoles: ['sc_co_chair'],
    groupRoles: [],
  },
  {
    key: 'sc-cochair-nz',
    email: 'margaret.ashworth-reid@demo.accord.example',
    displayName: 'Margaret Ashworth-Reid',
    names: { latin: 'Margaret Ashworth-Reid', latinFamily: 'Ashworth-Reid' },
    affiliation: 'Harbourview Centre for Pacific Security (fictional)',
    committee: 'NZ',
    locale: 'en',
    timeZone: 'Pacific/Auckland',
    councilRoles: ['sc_co_chair'],
    groupRoles: [],
  },

  // ── Council: Steering Committee members ──────────────────────────────────────────────
  {
    key: 'sc-kr',
    email: 'jaeseok.yoon@demo.accord.example',
    displayName: 'Yoon Jae-seok',
    names: { latin: 'Yoon Jae-seok', hangul: '윤재석', latinFamily: 'Yoon', hangulFamily: '윤' },
    affiliation: 'Demo Institute for Peninsula Studies (fictional)',
    committee: 'KR',
    locale: 'ko',
    timeZone: 'Asia/Seoul',
    councilRoles: ['sc_member'],
    groupRoles: [],
  },
  {
    key: 'sc-cn',
    email: 'wentao.he@demo.accord.example',
    displayName: 'He Wentao',
    names: { latin: 'He Wentao', hanzi: '贺文涛', latinFamily: 'He', hanziFamily: '贺' },
    affiliation: 'Demo Academy of Regional Strategy (fictional)',
    committee: 'CN',
    locale: 'zh',
    timeZone: 'Asia/Shanghai',
    councilRoles: ['sc_member'],
    groupRoles: [],
  },
  {
    key: 'sc-jp',
    email: 'eriko.morishita@demo.accord.example',
    displayName: 'Eriko Morishita',
    names: { latin: 'Eriko Morishita', kanji: '森下恵理子', latinFamily: 'Morishita', kanjiFamily: '森下' },
    affiliation: 'Demo Institute for Maritime Asia (fictional)',
    committee: 'JP',
    locale: 'ja',
    timeZone: 'Asia/Tokyo',
    councilRoles: ['sc_member'],
    groupRoles: [],
  },
  {
    key: 'sc-us',
    email: 'catherine.whitfield@demo.accord.example',
    displayName: 'Catherine L. Whitfield',
    names: { latin: 'Catherine L. Whitfield', latinFamily: 'Whitfield' },
    affiliation: 'Demo Center for Pacific Policy (fictional)',
    committee: 'US',
    locale: 'en',
    timeZone: 'America/New_York',
    councilRoles: ['sc_member'],
    groupRoles: [],
  },
  {
    key: 'sc-au',
    email: 'gareth.pemberton@demo.accord.example',
    displayName: 'Gareth Pemberton',
    names: { latin: 'Gareth Pemberton', latinFamily: 'Pemberton' },
    affiliation: 'Demo Centre for Indo-Pacific Studies (fictional)',
    committee: 'AU',
    locale: 'en',
    timeZone: 'Australia/Sydney',
    councilRoles: ['sc_member'],
    groupRoles: [],
  },
  {
    key: 'sc-my',
    email: 'norazlina.hashim@demo.accord.example',
    displayName: 'Nor Azlina Hashim',
    names: { latin: 'Nor Azlina Hashim', latinFamily: 'Hashim' },
    affiliation: 'Demo Council for Southeast Asian Affairs (fictional)',
    committee: 'MY',
    locale: 'en',
    timeZone: 'Asia/Kuala_Lumpur',
    councilRoles: ['sc_member'],
    groupRoles: [],
  },

  // ── Council and study-group secretariat ──────────────────────────────────────────────
  {
    key: 'secretariat',
    email: 'amirul.yusof@demo.accord.example',
    displayName: 'Amirul Hakim Yusof',
    names: { latin: 'Amirul Hakim Yusof', latinFamily: 'Yusof' },
    affiliation: 'Demo Council Secretariat, Kuala Lumpur (fictional)',
    committee: null,
    locale: 'en',
    timeZone: 'Asia/Kuala_Lumpur',
    councilRoles: ['secretariat'],
    groupRoles: ['secretariat'],
  },

  // ── Study group: co-chairs (one per co-chairing committee) ───────────────────────────
  {
    key: 'kr-cochair',
    email: 'haerim.chung@demo.accord.example',
    displayName: 'Chung Hae-rim',
    names: { latin: 'Chung Hae-rim', hangul: '정해림', latinFamily: 'Chung', hangulFamily: '정' },
    affiliation: 'Demo Institute for Peninsula Studies (fictional)',
    committee: 'KR',
    locale: 'ko',
    timeZone: 'Asia/Seoul',
    councilRoles: [],
    groupRoles: ['co_chair'],
  },
  {
    key: 'cn-cochair',
    email: 'mingyuan.qian@demo.accord.example',
    displayName: 'Qian Mingyuan',
    names: { latin: 'Qian Mingyuan', hanzi: '钱明远', latinFamily: 'Qian', hanziFamily: '钱' },
    affiliation: 'Demo Academy of Regional Strategy (fictional)',
    committee: 'CN',
    locale: 'zh',
    timeZone: 'Asia/Shanghai',
    councilRoles: [],
    groupRoles: ['co_chair'],
  },
  {
    key: 'jp-cochair',
    email: 'shingo.kubota@demo.accord.example',
    displayName: 'Shingo Kubota',
    names: { latin: 'Shingo Kubota', kanji: '久保田慎吾', latinFamily: 'Kubota', kanjiFamily: '久保田' },
    affiliation: 'Sakuragaoka University Faculty of Law (fictional)',
    committee: 'JP',
    locale: 'ja',
    timeZone: 'Asia/Tokyo',
    councilRoles: [],
    groupRoles: ['co_chair'],
  },
  {
    key: 'us-cochair',
    email: 'jonathan.ashby@demo.accord.example',
    displayName: 'Jonathan R. Ashby',
    names: { latin: 'Jonathan R. Ashby', latinFamily: 'Ashby' },
    affiliation: 'Demo Center for Pacific Policy (fictional)',
    committee: 'US',
    locale: 'en',
    timeZone: 'America/New_York',
    councilRoles: [],
    groupRoles: ['co_chair'],
  },

  // ── Study group: delegation heads ────────────────────────────────────────────────────
  {
    key: 'kr-head',
    email: 'doyun.seo@demo.accord.example',
    displayName: 'Seo Do-yun',
    names: { latin: 'Seo Do-yun', hangul: '서도윤', latinFamily: 'Seo', hangulFamily: '서' },
    affiliation: 'Hanbit Academy of International Affairs (fictional)',
    committee: 'KR',
    locale: 'ko',
    timeZone: 'Asia/Seoul',
    councilRoles: [],
    groupRoles: ['delegation_head'],
  },
  {
    key: 'cn-head',
    email: 'xiaolan.lin@demo.accord.example',
    displayName: 'Lin Xiaolan',
    names: { latin: 'Lin Xiaolan', hanzi: '林晓岚', latinFamily: 'Lin', hanziFamily: '林' },
    affiliation: 'Eastern Harbour University School of International Relations (fictional)',
    committee: 'CN',
    locale: 'zh',
    timeZone: 'Asia/Shanghai',
    councilRoles: [],
    groupRoles: ['delegation_head'],
  },
  {
    key: 'jp-head',
    email: 'miho.takaoka@demo.accord.example',
    displayName: 'Miho Takaoka',
    names: { latin: 'Miho Takaoka', kanji: '高岡美穂', latinFamily: 'Takaoka', kanjiFamily: '高岡' },
    affiliation: 'Demo Institute for Maritime Asia (fictional)',
    committee: 'JP',
    locale: 'ja',
    timeZone: 'Asia/Tokyo',
    councilRoles: [],
    groupRoles: ['delegation_head'],
  },
  {
    key: 'us-head',
    email: 'marisol.vega-hartley@demo.accord.example',
    displayName: 'Marisol Vega-Hartley',
    names: { latin: 'Marisol Vega-Hartley', latinFamily: 'Vega-Hartley' },
    affiliation: 'Lakeshore University Asia Program (fictional)',
    committee: 'US',
    locale: 'en',
    timeZone: 'America/Los_Angeles',
    councilRoles: [],
    groupRoles: ['delegation_head'],
  },

  // ── Study group: members ─────────────────────────────────────────────────────────────
  {
    key: 'kr-member',
    email: 'serin.oh@demo.accord.example',
    displayName: 'Oh Se-rin',
    names: { latin: 'Oh Se-rin', hangul: '오세린', latinFamily: 'Oh', hangulFamily: '오' },
    affiliation: 'Hanbit Academy of International Affairs (fictional)',
    committee: 'KR',
    locale: 'en',
    timeZone: 'Asia/Seoul',
    councilRoles: [],
    groupRoles: ['member'],
  },
  {
    key: 'cn-member',
    email: 'yuhang.shao@demo.accord.example',
    displayName: 'Shao Yuhang',
    names: { latin: 'Shao Yuhang', hanzi: '邵宇航', latinFamily: 'Shao', hanziFamily: '邵' },
    affiliation: 'Eastern Harbour University School of International Relations (fictional)',
    committee: 'CN',
    locale: 'zh',
    timeZone: 'Asia/Shanghai',
    councilRoles: [],
    groupRoles: ['member'],
  },
  {
    key: 'jp-member',
    email: 'ryo.miyake@demo.accord.example',
    displayName: 'Ryo Miyake',
    names: { latin: 'Ryo Miyake', kanji: '三宅遼', latinFamily: 'Miyake', kanjiFamily: '三宅' },
    affiliation: 'Sakuragaoka University Faculty of Law (fictional)',
    committee: 'JP',
    locale: 'ja',
    timeZone: 'Asia/Tokyo',
    councilRoles: [],
    groupRoles: ['member'],
  },
  {
    key: 'us-member',
    email: 'ethan.marlowe@demo.accord.example',
    displayName: 'Ethan Marlowe',
    names: { latin: 'Ethan Marlowe', latinFamily: 'Marlowe' },
    affiliation: 'Lakeshore University Asia Program (fictional)',
    committee: 'US',
    locale: 'en',
    timeZone: 'America/Chicago',
    councilRoles: [],
    groupRoles: ['member'],
  },

  // ── Study group: observers from outside the region (the 'Plus' principle) ────────────
  {
    key: 'ca-observer',
    email: 'elodie.fairbanks@demo.accord.example',
    displayName: 'Élodie Fairbanks',
    names: { latin: 'Élodie Fairbanks', latinFamily: 'Fairbanks' },
    affiliation: 'Demo Centre for Asia-Pacific Security, Vancouver (fictional)',
    committee: 'CA',
    locale: 'en',
    timeZone: 'America/Vancouver',
    councilRoles: [],
    groupRoles: ['observer'],
  },
  {
    key: 'eu-observer',
    email: 'lukas.brandvold@demo.accord.example',
    displayName: 'Lukas Brandvold',
    names: { latin: 'Lukas Brandvold', latinFamily: 'Brandvold' },
    affiliation: 'Demo Foundation for Euro-Asian Dialogue (fictional)',
    committee: null,
    locale: 'en',
    timeZone: 'Europe/Brussels',
    councilRoles: [],
    groupRoles: ['observer'],
  },

  // ── Study group: rapporteur and Delphi facilitator ───────────────────────────────────
  {
    key: 'rapporteur',
    email: 'dasol.lim@demo.accord.example',
    displayName: 'Lim Da-sol',
    names: { latin: 'Lim Da-sol', hangul: '임다솔', latinFamily: 'Lim', hangulFamily: '임' },
    affiliation: 'Demo Institute for Peninsula Studies (fictional)',
    committee: 'KR',
    locale: 'ko',
    timeZone: 'Asia/Seoul',
    councilRoles: [],
    groupRoles: ['rapporteur'],
  },
  {
    key: 'delphi-facilitator',
    email: 'fiona.mcalister@demo.accord.example',
    displayName: 'Fiona McAlister',
    names: { latin: 'Fiona McAlister', latinFamily: 'McAlister' },
    affiliation: 'Demo Centre for Indo-Pacific Studies (fictional)',
    committee: 'AU',
    locale: 'en',
    timeZone: 'Australia/Melbourne',
    councilRoles: [],
    groupRoles: ['delphi_facilitator'],
  },
];
