/*
 * How the region's countries (and a few others that take part) are named in the four languages
 * Accord writes: what the attribution check needs to recognise a delegation named by its
 * country ('the Korean delegation', '한국 대표단', '中国代表团', '日本代表団'). Keyed by ISO 3166
 * alpha-2, as member committees store their country. A country missing here is still caught by
 * its committee's name and code; add it here to catch its delegation by country as well.
 */

export interface CountryNames {
  /** Names in English, the fullest first ('the Republic of Korea', 'South Korea', 'Korea'). */
  en: string[];
  /** Adjectives in English ('Korean', 'South Korean'). */
  adj: string[];
  ko: string[];
  zh: string[];
  ja: string[];
  /** English words that, written before an adjective, make it another country's ('North' Korean). */
  notAfter?: string[];
}

export const COUNTRY_NAMES: Record<string, CountryNames> = {
  AU: { en: ['Australia'], adj: ['Australian'], ko: ['호주', '오스트레일리아'], zh: ['澳大利亚', '澳洲'], ja: ['オーストラリア', '豪州'] },
  BD: { en: ['Bangladesh'], adj: ['Bangladeshi'], ko: ['방글라데시'], zh: ['孟加拉国'], ja: ['バングラデシュ'] },
  BN: { en: ['Brunei Darussalam', 'Brunei'], adj: ['Bruneian', 'Brunei'], ko: ['브루나이'], zh: ['文莱'], ja: ['ブルネイ'] },
  KH: { en: ['Cambodia'], adj: ['Cambodian'], ko: ['캄보디아'], zh: ['柬埔寨'], ja: ['カンボジア'] },
  CA: { en: ['Canada'], adj: ['Canadian'], ko: ['캐나다'], zh: ['加拿大'], ja: ['カナダ'] },
  CN: { en: ["the People's Republic of China", 'China', 'PRC'], adj: ['Chinese', 'PRC'], ko: ['중국'], zh: ['中国', '中华人民共和国'], ja: ['中国'] },
  FR: { en: ['France'], adj: ['French'], ko: ['프랑스'], zh: ['法国'], ja: ['フランス'] },
  DE: { en: ['Germany'], adj: ['German'], ko: ['독일'], zh: ['德国'], ja: ['ドイツ'] },
  GB: { en: ['the United Kingdom', 'UK', 'Britain'], adj: ['British', 'UK'], ko: ['영국'], zh: ['英国'], ja: ['英国', 'イギリス'] },
  IN: { en: ['India'], adj: ['Indian'], ko: ['인도'], zh: ['印度'], ja: ['インド'] },
  ID: { en: ['Indonesia'], adj: ['Indonesian'], ko: ['인도네시아'], zh: ['印度尼西亚', '印尼'], ja: ['インドネシア'] },
  JP: { en: ['Japan'], adj: ['Japanese'], ko: ['일본'], zh: ['日本'], ja: ['日本'] },
  KP: { en: ["the Democratic People's Republic of Korea", 'North Korea', 'DPRK'], adj: ['North Korean', 'DPRK'], ko: ['북한', '조선'], zh: ['朝鲜'], ja: ['北朝鮮'] },
  KR: { en: ['the Republic of Korea', 'South Korea', 'Korea', 'ROK'], adj: ['South Korean', 'Korean', 'ROK'], ko: ['한국', '대한민국'], zh: ['韩国'], ja: ['韓国'], notAfter: ['north'] },
  LA: { en: ['Laos', 'Lao PDR'], adj: ['Lao', 'Laotian'], ko: ['라오스'], zh: ['老挝'], ja: ['ラオス'] },
  MY: { en: ['Malaysia'], adj: ['Malaysian'], ko: ['말레이시아'], zh: ['马来西亚'], ja: ['マレーシア'] },
  MN: { en: ['Mongolia'], adj: ['Mongolian'], ko: ['몽골'], zh: ['蒙古'], ja: ['モンゴル'] },
  MM: { en: ['Myanmar'], adj: ['Myanmar'], ko: ['미얀마'], zh: ['缅甸'], ja: ['ミャンマー'] },
  NZ: { en: ['New Zealand'], adj: ['New Zealand'], ko: ['뉴질랜드'], zh: ['新西兰'], ja: ['ニュージーランド'] },
  PK: { en: ['Pakistan'], adj: ['Pakistani'], ko: ['파키스탄'], zh: ['巴基斯坦'], ja: ['パキスタン'] },
  PG: { en: ['Papua New Guinea', 'PNG'], adj: ['Papua New Guinean', 'PNG'], ko: ['파푸아뉴기니'], zh: ['巴布亚新几内亚'], ja: ['パプアニューギニア'] },
  PH: { en: ['the Philippines'], adj: ['Philippine', 'Filipino'], ko: ['필리핀'], zh: ['菲律宾'], ja: ['フィリピン'] },
  RU: { en: ['the Russian Federation', 'Russia'], adj: ['Russian'], ko: ['러시아'], zh: ['俄罗斯'], ja: ['ロシア'] },
  SG: { en: ['Singapore'], adj: ['Singaporean', 'Singapore'], ko: ['싱가포르'], zh: ['新加坡'], ja: ['シンガポール'] },
  LK: { en: ['Sri Lanka'], adj: ['Sri Lankan'], ko: ['스리랑카'], zh: ['斯里兰卡'], ja: ['スリランカ'] },
  TH: { en: ['Thailand'], adj: ['Thai'], ko: ['태국'], zh: ['泰国'], ja: ['タイ'] },
  TL: { en: ['Timor-Leste', 'East Timor'], adj: ['Timorese'], ko: ['동티모르'], zh: ['东帝汶'], ja: ['東ティモール'] },
  US: { en: ['the United States of America', 'the United States', 'the US', 'the USA'], adj: ['American', 'US', 'U.S.'], ko: ['미국'], zh: ['美国'], ja: ['米国', 'アメリカ'] },
  VN: { en: ['Viet Nam', 'Vietnam'], adj: ['Vietnamese'], ko: ['베트남'], zh: ['越南'], ja: ['ベトナム'] },
};

/** Words for a delegation after an English adjective or name ('the Korean delegation', 'Korea's delegates'). */
const EN_AFTER = ['delegation', 'delegations', 'delegate', 'delegates', 'team', 'member committee'];
/** After a Korean, Chinese or Japanese country name, with or without a space ('한국 대표단', '中方代表'). */
const KO_AFTER = ['대표단', '대표', '측 대표단', '측 대표', '측 참가자'];
const ZH_AFTER = ['代表团', '代表', '方代表', '方代表团'];
const JA_AFTER = ['代表団', '代表', '側代表', '側の代表'];

export interface DelegationPhrase {
  text: string;
  /** The country's name or adjective in it: where that does not occur, the phrase cannot. */
  gate: string;
  /** English words that may not stand just before it ('north' before 'Korean delegation'). */
  notAfter: string[];
  /** Characters that may not follow it ('代表性', '대표적': representative of, not a representative). */
  notBefore: string[];
}

/**
 * The phrases that name a country's delegation, in the four languages: 'the Korean delegation',
 * 'Korean delegates', 'the delegation of Korea', 'delegates from the Republic of Korea', '한국
 * 대표단', '韩国代表团', '日本代表団'. Nothing for a country this table lacks.
 */
export function delegationPhrases(country: string | null | undefined): DelegationPhrase[] {
  const c = country ? COUNTRY_NAMES[country.toUpperCase()] : undefined;
  if (!c) return [];
  const notAfter = c.notAfter ?? [];
  const out: DelegationPhrase[] = [];
  const en = (gate: string, text: string) => out.push({ text, gate, notAfter, notBefore: [] });
  const cjk = (gate: string, text: string) => out.push({ text, gate, notAfter: [], notBefore: ['性', '作', '적'] });
  for (const adj of c.adj) for (const w of EN_AFTER) en(adj, `${adj} ${w}`);
  for (const name of c.en) {
    const bare = name.replace(/^the /, '');
    for (const w of EN_AFTER) {
      en(bare, `${bare}'s ${w}`);
      en(bare, `${bare} ${w}`);
    }
    for (const w of ['delegation', 'delegations', 'delegates', 'delegate', 'team', 'member committee']) {
      for (const prep of ['of', 'from', 'for']) {
        en(bare, `${w} ${prep} ${name}`);
        if (name !== bare) en(bare, `${w} ${prep} ${bare}`);
      }
    }
  }
  for (const name of c.ko) for (const w of KO_AFTER) cjk(name, `${name}${w}`);
  for (const name of c.zh) for (const w of ZH_AFTER) cjk(name, `${name}${w}`);
  for (const name of c.ja) for (const w of JA_AFTER) cjk(name, `${name}${w}`);
  return out;
}
