/**
 * Word lists the person and quotation extractors share: speech verbs, titles,
 * role nouns, and the words that mark organisations, outlets and places.
 *
 * Lists are lower-cased and hold single words unless said otherwise; lookups
 * go through the small predicates at the end so callers never lower-case twice.
 */

import { MONTH_NAMES, WEEKDAY_WORDS } from '../text/calendar';

const words = (s: string): ReadonlySet<string> => new Set(s.trim().split(/\s+/));

/**
 * Verbs that introduce or close a quotation, in the forms news prose uses.
 * Multi-word cues ("went on to say", "according to", "pointed out") are
 * matched separately by {@link SPEECH_VERB_RE}.
 */
export const SPEECH_VERBS: ReadonlySet<string> = words(`
  said says say saying told tells telling added adds adding noted notes noting advised advises
  stated states stating explained explains explaining assessed assesses warned warns warning argued argues arguing
  insisted insists wrote writes writing asked asks replied replies responded responds continued continues
  declared declares announced announces claimed claims recalled recalls remarked remarks observed observes
  suggested suggests acknowledged acknowledges admitted admits emphasized emphasised emphasizes emphasises
  stressed stresses tweeted tweets posted posts reported reports interpreted predicted predicts concluded concludes
  commented comments maintained maintains complained complains cautioned cautions urged urges testified testifies
  conceded concedes countered counters quipped quips joked jokes shouted yelled exclaimed mused muses
  vowed vows pledged pledges promised promises boasted boasts lamented laments contended contends
  recounted recounts reiterated reiterates affirmed affirms confirmed confirms denied denies
  spoke speaks charged charges retorted retorts predicted whispered cried texted emailed echoed
`);

/**
 * Verbs that attribute a partial quotation without introducing speech
 * ("Rubio called the statement “offensive”"); used only when the quotation
 * sits in the verb's own clause.
 */
export const ATTRIBUTING_VERBS: ReadonlySet<string> = words(`
  called calling calls call dubbed dubbing dubs labeled labelled labeling labelling labels described describing describes
  branded brands deemed deems accused accusing accuses slammed slamming slams blasted blasting blasts praised praising praises
  criticized criticised criticizing criticising criticizes criticises mocked mocking mocks hailed hailing hails echoed echoes
  dismissed dismissing dismisses denounced denouncing denounces condemned condemning condemns touted touting touts
  lauded lauding lauds characterized characterised characterizing characterizes reveals revealed quoted cited citing
  promised promising predicting vowing pledging acknowledging suggesting warning urging asking telling
`);

/** {@link ATTRIBUTING_VERBS} as one alternation for regular expressions. */
export const ATTRIBUTING_VERB_RE_SOURCE = '(?:' + [...ATTRIBUTING_VERBS].sort((a, b) => b.length - a.length).join('|') + ')';

/**
 * Speech cues, single- or multi-word, as one alternation for regular
 * expressions (longest first so "went on to say" wins over "say").
 */
export const SPEECH_VERB_RE_SOURCE =
  '(?:went on to (?:say|add|note|explain)|goes on to (?:say|add)|pointed out|points out|according to|' +
  [...SPEECH_VERBS].sort((a, b) => b.length - a.length).join('|') +
  ')';

/** Adverbs and auxiliaries that may stand between a speaker and the speech verb ("Politico also noted"). */
export const SPEECH_ADVERBS: ReadonlySet<string> = words(`
  also later then previously once further earlier recently again additionally separately similarly repeatedly
  has had have had once reportedly simply flatly bluntly publicly privately
  himself herself themselves itself
`);

/** Capitalised titles written before a name ("President Trump", "Sen. Ted Cruz"); abbreviations without the period. */
export const CAPITALISED_TITLES: ReadonlySet<string> = words(`
  president chairman chairwoman chair secretary minister premier chancellor senator sen representative rep
  governor gov mayor judge justice general gen admiral adm colonel col lt lieutenant sgt sergeant captain capt
  mr mrs ms miss mx dr prof professor rev reverend father pope king queen prince princess sheikh ambassador
  leader commissioner director sir lord dame rabbi imam speaker congressman congresswoman councilman councilwoman
  councillor councilor commander marshal attorney candidate nominee deputy vice prime supreme first lady chief
  spokesman spokeswoman spokesperson envoy chairperson mp mep msp baroness duchess cardinal
  archbishop bishop inspector superintendent constable
`);

/**
 * Role nouns that make a lower-case title before a name ("spokesperson
 * Caroline Leavitt") and mark an apposition as describing a person
 * ("a professor at Kookmin University").
 */
export const ROLE_NOUNS: ReadonlySet<string> = words(`
  spokesperson spokesman spokeswoman professor analyst expert researcher fellow director adviser advisor official
  correspondent reporter editor columnist economist strategist lawyer attorney chief ceo cfo coo founder cofounder co-founder
  chairman chairwoman chair president secretary minister senator governor ambassador envoy leader candidate nominee
  lawmaker legislator congressman congresswoman commentator historian scholar author writer diplomat general commander
  manager aide pollster consultant representative host anchor coach actor actress singer musician artist student
  teacher lecturer scientist researcher physician doctor surgeon nurse officer detective sheriff judge prosecutor
  mayor councilman councilwoman member activist organizer organiser campaigner volunteer executive partner head
  negotiator defector dissident investor donor fundraiser operative staffer adviser counsel justice senior deputy
  chancellor premier king queen prince princess pope bishop priest pastor rabbi imam cleric monk novelist poet
  journalist blogger photographer producer director filmmaker comedian veteran soldier captain lieutenant colonel
  sergeant admiral economist banker trader entrepreneur businessman businesswoman owner employee worker resident
  mother father son daughter wife husband brother sister widow friend neighbor neighbour spokesperson speaker
  ambassador attaché consul lobbyist pundit observer specialist engineer architect administrator commissioner
  superintendent principal dean provost rector researcher candidate hopeful contender challenger incumbent
  whip governor-elect president-elect chairman-elect director-general secretary-general
  coordinator co-ordinator organiser organizer economist governor
`);

/** Lower-case modifiers that may precede a title inside a role ("former acting ambassador", "senior White House adviser"). */
export const ROLE_MODIFIERS: ReadonlySet<string> = words(`
  former acting senior chief deputy assistant associate vice top then interim outgoing incoming longtime long-time
  veteran retired current lead principal executive managing press political foreign national security policy campaign
  communications military defense defence economic research visiting adjunct
`);

/**
 * Last words of organisation names ("State Department", "Kookmin University",
 * "NK News"): a capitalised sequence ending with one is not a person.
 */
export const ORG_HEADS: ReadonlySet<string> = words(`
  department ministry house office agency institute institution university college school committee council party
  campaign commission court bureau administration government times post news journal network group company
  corporation corp inc ltd llc co foundation association center centre service services force forces army navy
  police board bank fund union league federation coalition alliance organization organisation senate congress
  parliament assembly cabinet embassy consulate tribune herald gazette daily weekly magazine press wire channel
  radio television tv broadcasting studio studios club society trust authority command staff secretariat
  program programme project initiative caucus pac fed reserve museum hospital clinic church academy lab
  laboratory laboratories airlines airways motors media entertainment holdings partners industries
  systems technologies global international watch report monitor review observer guardian telegraph independent
  securities capital investments investment plc fc afc united city rovers wanderers athletic albion rangers hotspur
  workers bros brothers records pictures films publishing petroleum oil gas telecom telecoms communications
  electronics pharmaceuticals insurance stores retail energy airport railways railway motorway
`);

/** Words that, just before a capitalised name, say it names an organisation or outlet ("outlet NK News"). */
export const ORG_CUES: ReadonlySet<string> = words(`
  outlet newspaper agency broadcaster daily network website site magazine company firm group organization
  organisation institute university ministry department think-tank tank channel station paper tabloid weekly
  publication journal wire portal blog newsletter party campaign committee
`);

/** News outlets and organisations often named by one word or an acronym. */
export const KNOWN_ORGS: ReadonlySet<string> = words(`
  reuters politico ap afp bloomberg cnn bbc yonhap kcna xinhua tass ria interfax axios msnbc nbc abc cbs npr pbs
  fox breitbart vox slate buzzfeed huffpost newsweek time forbes fortune nyt wsj un nato eu fbi cia nsa doj dhs
  pentagon kremlin congress senate nasa who imf opec asean oecd gop dnc rnc aclu nra google facebook twitter apple
  amazon microsoft meta samsung hyundai tesla nk-news nknews 38north politifact gallup quinnipiac rasmussen
  marist monmouth ipsos yougov univision telemundo hamas hezbollah isis taliban
`);

/** Parties and their nicknames as one capitalised word ("Tory", "Labour"): no person alone, a description before a name. */
export const PARTY_WORDS: ReadonlySet<string> = words(`
  tory tories labour ukip snp plaid libdem libdems conservative conservatives democrat democrats democratic
  republican republicans unionist unionists nationalist nationalists sdlp dup sinn gop dem dems liberal liberals
`);

/** Capitalised word pairs that name parties and their nicknames, not people ("New Labour", "Lib Dem"). */
export const KNOWN_ORG_PHRASES: ReadonlySet<string> = new Set(
  `new labour|old labour|lib dem|lib dems|liberal democrat|liberal democrats|sinn fein|plaid cymru|
  scottish national|green party|real madrid|wall street`
    .split('|')
    .map((p) => p.trim()),
);

/**
 * Nationalities and demonyms ("Briton", "American"): alone they are no
 * person; before a name they describe it ("American Bershawn Jackson").
 */
export const NATIONALITIES: ReadonlySet<string> = words(`
  american americans british briton britons english scottish scot scots welsh irish french german germans
  italian italians spanish spaniard russian russians chinese japanese korean koreans indian indians pakistani
  australian australians canadian canadians brazilian argentine argentinian mexican african european europeans
  asian israeli israelis palestinian palestinians iraqi iraqis iranian iranians syrian afghan egyptian turkish
  greek dutch belgian swiss swedish swede norwegian danish dane finnish polish pole ukrainian kenyan kenyans
  nigerian ethiopian saudi emirati jamaican cuban chilean colombian peruvian venezuelan portuguese austrian
  hungarian czech romanian bulgarian serbian croatian bosnian albanian zimbabwean ugandan ghanaian moroccan
  algerian tunisian libyan lebanese jordanian thai vietnamese indonesian malaysian filipino singaporean
  taiwanese mongolian kiwi aussie yank yankee scandinavian latin arab arabs kurdish kurd kurds
`);

/** Capitalised words that, before a name, say what the person is in sport and show business ("Fly-half Stephen Jones"). */
export const DESCRIPTOR_NOUNS: ReadonlySet<string> = words(`
  actress actor singer star rapper striker midfielder defender goalkeeper keeper winger fly-half scrum-half
  prop lock flanker hooker centre full-back forward batsman bowler skipper boss manager coach player
  champion veteran director presenter comedian novelist author writer designer model chef
`);

/**
 * Places a capitalised sequence may name (normalised, whole sequence):
 * countries, capitals and regions that news prose uses as subjects.
 */
export const KNOWN_PLACES: ReadonlySet<string> = new Set(
  `north korea|south korea|korea|united states|us|usa|america|china|japan|russia|ukraine|iran|iraq|syria|israel|
  palestine|gaza|egypt|turkey|india|pakistan|afghanistan|vietnam|taiwan|mongolia|germany|france|britain|
  great britain|united kingdom|uk|england|scotland|wales|ireland|italy|spain|portugal|canada|mexico|cuba|brazil|
  argentina|venezuela|colombia|australia|new zealand|saudi arabia|qatar|kuwait|yemen|lebanon|jordan|libya|
  europe|asia|africa|middle east|latin america|korean peninsula|washington|pyongyang|seoul|beijing|tokyo|moscow|
  kyiv|kiev|london|paris|berlin|brussels|geneva|new york|manhattan|los angeles|chicago|boston|miami|hanoi|
  singapore|panmunjom|yongbyon|dmz|tehran|baghdad|damascus|jerusalem|cairo|ankara|delhi|new delhi|islamabad|
  kabul|taipei|hong kong|ottawa|havana|caracas|sydney|canberra|vladivostok|kaesong|wonsan|sinuiju|busan|
  iowa|new hampshire|south carolina|nevada|florida|ohio|texas|california|virginia|west virginia|michigan|
  wisconsin|pennsylvania|georgia|north carolina|arizona|colorado|utah|oregon|alabama|mississippi|louisiana|
  tennessee|kentucky|indiana|illinois|missouri|kansas|nebraska|oklahoma|arkansas|minnesota|massachusetts|
  connecticut|new jersey|maryland|delaware|vermont|maine|rhode island|montana|wyoming|idaho|alaska|hawaii|
  washington dc|dc|silicon valley|wall street|capitol hill|white house|west wing|oval office`
    .split('|')
    .map((p) => p.trim()),
);

/** Personal pronouns that can stand for a speaker. */
export const PERSON_PRONOUNS: ReadonlySet<string> = words('he she him her');

/** Other pronouns a quotation can be given to ("they said", "we believe"), resolved to no one. */
export const OTHER_PRONOUNS: ReadonlySet<string> = words('they it i we you');

/** Pronouns that can be the subject of a speech verb ("he said", "they say"). */
export const SUBJECT_PRONOUNS: ReadonlySet<string> = words('he she they it we i you');

/** True when a speaker's words are a subject pronoun alone ("He", " she "). */
export function isPronoun(speakerWords: string): boolean {
  return SUBJECT_PRONOUNS.has(speakerWords.trim().toLowerCase());
}

/**
 * Capitalised words that begin sentences but are not names ("Experts said",
 * "Officials told"); a single capitalised word from this list never makes a
 * person.
 */
export const NON_NAME_CAPITALS: ReadonlySet<string> = new Set([
  ...MONTH_NAMES.map((m) => m.toLowerCase()),
  ...WEEKDAY_WORDS,
  ...words(`
  experts officials analysts critics observers sources residents police witnesses reports others democrats
  republicans aides supporters opponents lawmakers investigators prosecutors authorities diplomats scientists
  researchers voters americans citizens people many some most few both several all each everyone someone
  nobody somebody everybody one two three however meanwhile still yet also instead earlier later then now today
  yesterday tomorrow mr mrs ms dr god sir madam president officials spokesman
  spokeswoman spokesperson the a an this that these those his her their its our my your he she they we it i you
  there here what who when where why how if while after before because although though since unless until as
  in on at for with from by of to and but or so nor not no yes thus hence indeed besides moreover furthermore
  obama's regarding citing during despite according asked speaking asked told said says added
  conservatives liberals progressives evangelicals catholics christians muslims jews protesters demonstrators
  students teachers workers parents families children women men employees members donors delegates
  news breaking update editor's note photo video watch read related advertisement
  economists campaigners ministers doctors unions firms companies banks shares investors traders consumers
  fans players judges mps peers councillors troops soldiers rebels militants insurgents activists regulators
  executives bosses managers commentators pollsters historians lawyers insiders studies figures surveys polls
  users customers shoppers viewers listeners readers pupils patients victims families farmers drivers
  passengers tourists visitors hackers developers retailers manufacturers producers exporters importers
  brokers dealers lenders borrowers savers analysts' economists' tories labour britons americans
`),
]);

/** True when `word` (any case) is a speech verb. */
export function isSpeechVerb(word: string): boolean {
  return SPEECH_VERBS.has(word.toLowerCase());
}

/** True when `word` (any case, period optional) is a title written before a name. */
export function isCapitalisedTitle(word: string): boolean {
  return CAPITALISED_TITLES.has(word.toLowerCase().replace(/\.$/, ''));
}

/** True when `word` (any case) is a role noun. */
export function isRoleNoun(word: string): boolean {
  return ROLE_NOUNS.has(word.toLowerCase());
}
