// The codebook a new library starts with: the nine principles of the Paris Call for Trust and Security
// in Cyberspace (2018), described in our own words, and the actors that writing about it names.
//
// Aliases are the names texts actually use; they drive actor suggestions (see mentions.ts). Ambiguous
// aliases are left out on purpose: capital cities ("Washington" is also a state, "Paris" is in "Paris
// Call", "Moscow-based" describes a company), bare surnames that are common words or names ("Harris"),
// and demonyms ("Russian", "American"), which describe as often as they name.
import type { Actor, ActorKind, Codebook, Principle } from '../model';

const principle = (id: string, name: string, color: string, description: string): Principle => ({
  id,
  name,
  description,
  color,
  parentId: null,
  whenToUse: '',
  whenNotToUse: '',
  example: '',
});

/**
 * Colours: mid-tones with a contrast of at least 3:1 both against white and against a dark (#1e1e1e)
 * background, so each reads as a highlight or legend swatch in light and dark themes.
 */
export const PARIS_CALL_PRINCIPLES: Principle[] = [
  principle(
    'protect-individuals-infrastructure',
    'Protect individuals and infrastructure',
    '#d64550',
    'Guard people and the critical systems they rely on, such as power, water, health care and transport, against cyber operations that cause serious or widespread harm, and help victims recover.',
  ),
  principle(
    'protect-internet-core',
    'Protect the public core of the internet',
    '#2f7fc1',
    'Avoid and prevent attacks on the shared backbone of the internet: the protocols, routing and naming systems that keep it working and trustworthy for everyone.',
  ),
  principle(
    'defend-electoral-processes',
    'Defend electoral processes',
    '#8a5cc7',
    'Make elections more resilient to foreign actors who use cyber operations to interfere with the vote or undermine trust in its outcome.',
  ),
  principle(
    'defend-intellectual-property',
    'Defend intellectual property',
    '#d97a00',
    'Stop the use of digital means to steal trade secrets and other intellectual property in order to give companies an unfair commercial edge.',
  ),
  principle(
    'non-proliferation',
    'Non-proliferation',
    '#c2559b',
    'Limit the spread of harmful cyber tools and techniques, such as malware and exploits built to do damage.',
  ),
  principle(
    'lifecycle-security',
    'Lifecycle security',
    '#1f9aa8',
    'Build security into digital products and services from design to end of support, across their supply chains, and deal with their vulnerabilities responsibly.',
  ),
  principle(
    'cyber-hygiene',
    'Cyber hygiene',
    '#2e9b5f',
    'Help everyone, from individual users to companies and governments, adopt sound everyday security habits.',
  ),
  principle(
    'no-private-hack-back',
    'No private hack-back',
    '#8c7a1e',
    'Companies and other non-state actors should not strike back at attackers with offensive cyber operations of their own, whether for themselves or on behalf of others.',
  ),
  principle(
    'international-norms',
    'International norms',
    '#7a7f8f',
    'Get states and other actors to accept and actually follow shared rules of responsible behaviour in cyberspace, together with measures that build confidence between them.',
  ),
];

const actor = (kind: ActorKind) => (id: string, name: string, aliases: string[] = []): Actor => ({
  id,
  name,
  kind,
  aliases,
});
const state = actor('state');
const company = actor('company');
const civilSociety = actor('civil-society');
const body = actor('international-body');
const subNational = actor('sub-national');
const person = actor('person');

const STATES: Actor[] = [
  state('france', 'France', [
    'French Republic',
    'French government',
    'French Ministry of Foreign Affairs',
    'French Foreign Ministry',
    "Quai d'Orsay",
    'Élysée',
  ]),
  state('united-states', 'United States', [
    'US',
    'U.S.',
    'USA',
    'U.S.A.',
    'United States of America',
    'America',
    'US government',
    'U.S. government',
    'American government',
    'State Department',
    'Department of State',
    'White House',
    'Obama administration',
    'Trump administration',
    'Biden administration',
  ]),
  state('china', 'China', ['PRC', "People's Republic of China", 'Chinese government']),
  state('russia', 'Russia', ['Russian Federation', 'Russian government', 'Russian state', 'Kremlin']),
  state('iran', 'Iran', ['Islamic Republic of Iran', 'Iranian government']),
  state('north-korea', 'North Korea', ['DPRK', 'DPR Korea', "Democratic People's Republic of Korea"]),
  state('south-korea', 'South Korea', ['Republic of Korea', 'ROK', 'Korea']),
  state('united-kingdom', 'United Kingdom', [
    'UK',
    'U.K.',
    'Britain',
    'Great Britain',
    'United Kingdom of Great Britain and Northern Ireland',
    'British government',
  ]),
  state('germany', 'Germany', ['Federal Republic of Germany', 'German government']),
  // The other members of the European Union, whose "27 member states" the sources mention.
  state('austria', 'Austria'),
  state('belgium', 'Belgium'),
  state('bulgaria', 'Bulgaria'),
  state('croatia', 'Croatia'),
  state('cyprus', 'Cyprus'),
  state('czechia', 'Czechia', ['Czech Republic']),
  state('denmark', 'Denmark'),
  state('estonia', 'Estonia'),
  state('finland', 'Finland'),
  state('greece', 'Greece', ['Hellenic Republic']),
  state('hungary', 'Hungary'),
  state('ireland', 'Ireland', ['Republic of Ireland']),
  state('italy', 'Italy'),
  state('latvia', 'Latvia'),
  state('lithuania', 'Lithuania'),
  state('luxembourg', 'Luxembourg'),
  state('malta', 'Malta'),
  state('netherlands', 'Netherlands', ['Kingdom of the Netherlands']),
  state('poland', 'Poland'),
  state('portugal', 'Portugal'),
  state('romania', 'Romania'),
  state('slovakia', 'Slovakia', ['Slovak Republic']),
  state('slovenia', 'Slovenia'),
  state('spain', 'Spain'),
  state('sweden', 'Sweden'),
  // Other states that recur in writing on cyber norms: the Five Eyes, Switzerland (a founder of Diplo and
  // host of the Geneva Dialogue) and others.
  state('switzerland', 'Switzerland', ['Swiss Confederation']),
  state('norway', 'Norway'),
  state('canada', 'Canada'),
  state('australia', 'Australia'),
  state('new-zealand', 'New Zealand', ['NZ']),
  state('japan', 'Japan'),
  state('india', 'India'),
  state('israel', 'Israel', ['State of Israel']),
  state('ukraine', 'Ukraine'),
];

const COMPANIES: Actor[] = [
  company('microsoft', 'Microsoft', ['Microsoft Corporation']),
  company('google', 'Google', ['Google LLC']),
  company('facebook', 'Facebook', ['Meta', 'Meta Platforms']),
  company('kaspersky', 'Kaspersky', ['Kaspersky Lab', 'Kaspersky Labs']),
  company('ibm', 'IBM', ['International Business Machines']),
  company('hp', 'HP', ['Hewlett-Packard', 'Hewlett Packard']),
  company('amazon', 'Amazon', ['Amazon Web Services', 'AWS']),
  company('apple', 'Apple', ['Apple Inc.']),
  company('yandex', 'Yandex'),
  // Industry coalitions whose members signed the Paris Call together.
  company('cybersecurity-tech-accord', 'Cybersecurity Tech Accord', ['Tech Accord']),
  company('charter-of-trust', 'Charter of Trust'),
];

const CIVIL_SOCIETY: Actor[] = [
  civilSociety('cdt', 'Center for Democracy and Technology', ['CDT', 'Centre for Democracy and Technology']),
  civilSociety('diplo', 'Diplo', ['DiploFoundation', 'Diplo Foundation']),
  civilSociety('geneva-internet-platform', 'Geneva Internet Platform', ['GIP']),
  civilSociety('paris-peace-forum', 'Paris Peace Forum', ['PPF']),
  // Other non-governmental voices that recur in the debate on cyber norms.
  civilSociety('icrc', 'International Committee of the Red Cross', ['ICRC']),
  civilSociety('internet-society', 'Internet Society', ['ISOC']),
  civilSociety('access-now', 'Access Now'),
  civilSociety('cyberpeace-institute', 'CyberPeace Institute'),
  civilSociety('eff', 'Electronic Frontier Foundation', ['EFF']),
];

const INTERNATIONAL_BODIES: Actor[] = [
  body('united-nations', 'United Nations', ['UN', 'U.N.']),
  body('un-gge', 'UN GGE', [
    'GGE',
    'U.N. GGE',
    'Group of Governmental Experts',
    'UN Group of Governmental Experts',
    'Group of Government Experts',
  ]),
  body('un-oewg', 'UN OEWG', [
    'OEWG',
    'Open-Ended Working Group',
    'UN Open-Ended Working Group',
    'U.N. Open-Ended Working Group',
  ]),
  body('un-general-assembly', 'UN General Assembly', ['UNGA', 'General Assembly', 'U.N. General Assembly']),
  body('un-security-council', 'UN Security Council', ['UNSC', 'Security Council', 'U.N. Security Council']),
  body('unesco', 'UNESCO', ['Unesco']),
  body('un-high-level-panel-digital-cooperation', 'UN High-Level Panel on Digital Cooperation', [
    'High-Level Panel on Digital Cooperation',
  ]),
  body('wsis', 'World Summit on the Information Society', ['WSIS']),
  body('igf', 'Internet Governance Forum', ['IGF', 'UN Internet Governance Forum']),
  body('g7', 'G7', ['G-7', 'Group of Seven']),
  body('g20', 'G20', ['G-20', 'Group of Twenty']),
  body('gcsc', 'Global Commission on the Stability of Cyberspace', ['GCSC']),
  body('gfce', 'Global Forum on Cyber Expertise', ['GFCE']),
  body('geneva-dialogue', 'Geneva Dialogue on Responsible Behaviour in Cyberspace', [
    'Geneva Dialogue',
    'Geneva Dialogue on Responsible Behavior in Cyberspace',
  ]),
  body('european-union', 'European Union', ['EU', 'E.U.']),
  body('nato', 'NATO', ['Nato', 'North Atlantic Treaty Organization', 'North Atlantic Treaty Organisation']),
  body('five-eyes', 'Five Eyes'),
  body('council-of-europe', 'Council of Europe'),
];

const SUB_NATIONAL: Actor[] = [
  subNational('virginia', 'Virginia', ['Commonwealth of Virginia']),
  subNational('colorado', 'Colorado', ['State of Colorado']),
  subNational('washington-state', 'Washington State', ['Washington state', 'State of Washington']),
];

const PERSONS: Actor[] = [
  person('emmanuel-macron', 'Emmanuel Macron', ['Macron', 'President Macron']),
  person('kamala-harris', 'Kamala Harris', ['Vice President Harris']),
  person('joe-biden', 'Joe Biden', ['Biden', 'President Biden']),
  person('donald-trump', 'Donald Trump', ['Trump', 'President Trump']),
];

export const PARIS_CALL_ACTORS: Actor[] = [
  ...STATES,
  ...COMPANIES,
  ...CIVIL_SOCIETY,
  ...INTERNATIONAL_BODIES,
  ...SUB_NATIONAL,
  ...PERSONS,
];

/** The default codebook of a new library. Treat it as read-only: copy it before changing it. */
export const PARIS_CALL_CODEBOOK: Codebook = {
  version: 1,
  principles: PARIS_CALL_PRINCIPLES,
  actors: PARIS_CALL_ACTORS,
  colorByPrinciple: false,
};
