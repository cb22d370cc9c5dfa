/**
 * Deterministic, realistic lead CSVs for the benchmark (100,000 rows, ~19 MB) and the end-to-end tests (1,000 rows).
 * Pure: no Node or DOM API, so the same rows are generated in Node (tests) and in the page (bench).
 */
import { seededRandom } from '../shared/sequences/random';

export interface LeadRow {
  email: string;
  first_name: string;
  last_name: string;
  company: string;
  title: string;
  timezone: string;
  city: string;
  linkedin_url: string;
  industry: string;
  phone: string;
}

export const LEAD_COLUMNS = [
  'email',
  'first_name',
  'last_name',
  'company',
  'title',
  'timezone',
  'city',
  'linkedin_url',
  'industry',
  'phone',
] as const satisfies readonly (keyof LeadRow)[];

/** Data tables as comma-separated text: compact to read, and Biome keeps them on a few lines. */
const list = (text: string) => text.split(',').map((s) => s.trim());

const FIRST = list(`
  Maria, Mark, Martin, Marta, Mario, Marco, Anna, James, John, Robert, Michael, William, David,
  Richard, Joseph, Thomas, Charles, Daniel, Matthew, Anthony, Paul, Andrew, Joshua, Kevin, Brian,
  George, Edward, Ronald, Timothy, Jason, Jeffrey, Ryan, Jacob, Gary, Nicholas, Eric, Jonathan,
  Stephen, Larry, Justin, Scott, Brandon, Benjamin, Samuel, Gregory, Frank, Patrick, Raymond,
  Jack, Dennis, Jerry, Tyler, Aaron, José, Adam, Henry, Nathan, Douglas, Zachary, Peter, Kyle,
  Walter, Ethan, Jeremy, Harold, Keith, Christian, Roger, Noah, Gerald, Mary, Patricia, Jennifer,
  Linda, Elizabeth, Barbara, Susan, Jessica, Sarah, Karen, Nancy, Lisa, Betty, Margaret, Sandra,
  Ashley, Kimberly, Emily, Donna, Michelle, Dorothy, Carol, Amanda, Melissa, Deborah, Stephanie,
  Rebecca, Sharon, Laura, Cynthia, Kathleen, Amy, Angela, Shirley, Brenda, Emma, Olivia, Sophia,
  Zoë, Chloé, Léa, Lukas, Jürgen, Søren, Björn, Ingrid, Astrid, Hiroshi, Yuki, Wei, Priya, Arjun,
  Aisha, Fatima, Omar, Mateo, Sofía, Valentina, Camila, Lucas, Gabriel, Inès, François, Øystein,
  Małgorzata, Piotr, Katarzyna
`);

const LAST = list(`
  Smith, Johnson, Williams, Brown, Jones, Garcia, Miller, Davis, Rodriguez, Martinez, Hernandez,
  Lopez, Gonzalez, Wilson, Anderson, Thomas, Taylor, Moore, Jackson, Martin, Lee, Perez,
  Thompson, White, Harris, Sanchez, Clark, Ramirez, Lewis, Robinson, Walker, Young, Allen, King,
  Wright, Scott, Torres, Nguyen, Hill, Flores, Green, Adams, Nelson, Baker, Hall, Rivera,
  Campbell, Mitchell, Carter, Roberts, Müller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner,
  Becker, Dubois, Lefèvre, Moreau, Laurent, Rossi, Russo, Ferrari, Esposito, Bianchi, Romano,
  Colombo, Novak, Kowalski, Nowak, Wiśniewski, Jensen, Nielsen, Hansen, Andersson, Johansson,
  Karlsson, Nilsson, Sato, Suzuki, Takahashi, Tanaka, Watanabe, Kim, Park, Choi, Wang, Li, Zhang,
  Liu, Chen, Patel, Sharma, Singh, Kumar, O'Brien, MacDonald, van der Berg, de Jong, Silva,
  Santos, Oliveira, Costa, Pereira, Fernández, Gómez, Díaz
`);

const COMPANY_HEAD = list(`
  Acme, Globex, Initech, Umbrella, Stark, Wayne, Hooli, Vandelay, Soylent, Tyrell, Cyberdyne,
  Aperture, Massive, Gringotts, Oscorp, Wonka, Nakatomi, Dunder, Pied Piper, Monarch, Blue Sun,
  Northwind, Contoso, Fabrikam, Tailspin, Litware, Proseware, Adventure, Woodgrove, Lucerne,
  Alpine, Summit, Harbor, Granite, Cedar, Maple, Silver, Golden, Bright, Clear, Swift, True,
  Prime, Nova, Vertex, Apex, Zenith, Orbit, Quantum, Helix, Nimbus, Polar, Coral, Falcon, Lynx,
  Otter, Raven, Tiger, Vector, Pixel, Signal, Beacon, Anchor, Bridge, Canyon, Delta, Ember,
  Fjord, Glacier, Horizon, Iris, Juniper, Kestrel, Lumen, Meadow, Nexus, Onyx, Pine
`);
const COMPANY_TAIL = list(`
  Analytics, Systems, Labs, Software, Logistics, Health, Capital, Robotics, Media, Foods, Energy,
  Security, Cloud, Networks, Partners, Consulting, Retail, Bio, Data, Dynamics, Industries,
  Solutions, Digital, Ventures, Studios, Works, Group, Technologies, Supply, Finance
`);
const COMPANY_SUFFIX = [
  '',
  '',
  '',
  ' Inc.',
  ' GmbH',
  ' Ltd',
  ' LLC',
  ', Inc.',
  ' S.A.',
  ' AB',
  ' B.V.',
  ' & Co.',
];

const TITLES = list(`
  CEO, CTO, CFO, COO, VP of Sales, VP Marketing, Head of Growth, Head of Operations,
  Sales Director, Account Executive, Sales Development Representative, Marketing Manager,
  Product Manager, Engineering Manager, Head of Procurement, Operations Manager, Founder,
  Co-founder & CEO, Director of IT, RevOps Lead, Customer Success Manager, Partnerships Manager,
  Chief Revenue Officer, Talent Acquisition Lead,
`); // the trailing comma: some leads have no title

/** Cities with their IANA zones, so timezone and city agree as in a real export. */
const PLACES = list(`
  New York=America/New_York, Boston=America/New_York, Chicago=America/Chicago,
  Austin=America/Chicago, Denver=America/Denver, San Francisco=America/Los_Angeles,
  Seattle=America/Los_Angeles, Toronto=America/Toronto, São Paulo=America/Sao_Paulo,
  Mexico City=America/Mexico_City, London=Europe/London, Dublin=Europe/Dublin, Paris=Europe/Paris,
  Berlin=Europe/Berlin, München=Europe/Berlin, Amsterdam=Europe/Amsterdam,
  Stockholm=Europe/Stockholm, Kraków=Europe/Warsaw, Madrid=Europe/Madrid, Milan=Europe/Rome,
  Zürich=Europe/Zurich, Tel Aviv=Asia/Jerusalem, Dubai=Asia/Dubai, Bangalore=Asia/Kolkata,
  Singapore=Asia/Singapore, Tokyo=Asia/Tokyo, Seoul=Asia/Seoul, Sydney=Australia/Sydney,
  Auckland=Pacific/Auckland, =
`).map((pair) => pair.split('=') as [string, string]);

const INDUSTRIES = list(`
  Software, Financial Services, Healthcare, Manufacturing, Retail, Logistics, Education, Media,
  Energy, Real Estate, Telecommunications, Consulting, Biotech, Hospitality, Automotive
`);

/** mulberry32 (shared with the engine's jitter): the same seed gives the same file everywhere. */
export { seededRandom };

const ASCII = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[øØ]/g, 'o')
    .replace(/[łŁ]/g, 'l')
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase();

/**
 * `count` leads, every address unique (the row number is part of it), in file order.
 * Companies repeat (~20 leads each at 100k), names and cities include accents, some titles and zones are empty.
 */
export function generateLeadRows(count: number, seed = 1): LeadRow[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const digits = (n: number) => String(Math.floor(random() * 10 ** n)).padStart(n, '0');
  const companies = Math.max(1, Math.ceil(count / 20));
  const rows: LeadRow[] = [];
  for (let i = 0; i < count; i++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const c = Math.floor(random() * companies);
    const head = COMPANY_HEAD[c % COMPANY_HEAD.length] as string;
    const tail = COMPANY_TAIL[Math.floor(c / COMPANY_HEAD.length) % COMPANY_TAIL.length] as string;
    const suffix = COMPANY_SUFFIX[c % COMPANY_SUFFIX.length] as string;
    const round = Math.floor(c / (COMPANY_HEAD.length * COMPANY_TAIL.length));
    const company = `${head} ${tail}${round ? ` ${round + 1}` : ''}${suffix}`;
    const domain = `${ASCII(head)}${ASCII(tail)}${round ? round + 1 : ''}.${pick(['com', 'io', 'co', 'de', 'fr', 'net'])}`;
    const style = random();
    const local =
      style < 0.5
        ? `${ASCII(first)}.${ASCII(last)}`
        : style < 0.8
          ? `${ASCII(first).charAt(0)}${ASCII(last)}`
          : ASCII(first);
    const [city, timezone] = pick(PLACES);
    rows.push({
      // The row number keeps addresses unique; mixed case shows the import normalising them.
      email: `${style < 0.1 ? local.toUpperCase() : local}${i}@${domain}`,
      first_name: first,
      last_name: last,
      company,
      title: pick(TITLES),
      timezone,
      city,
      linkedin_url: `https://www.linkedin.com/in/${ASCII(first)}-${ASCII(last)}-${Math.floor(random() * 0xffffffff).toString(16)}`,
      industry: pick(INDUSTRIES),
      phone:
        random() < 0.3
          ? ''
          : `+${pick(['1', '44', '49', '33', '46', '81', '61'])} ${digits(3)} ${digits(3)} ${digits(4)}`,
    });
  }
  return rows;
}

/** RFC 4180 quoting: only fields that need it. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The CSV text with a header row, comma-separated, CRLF line ends (what Excel and most CRMs export). */
export function generateLeadsCsv(count: number, seed = 1): string {
  const lines = [LEAD_COLUMNS.join(',')];
  for (const row of generateLeadRows(count, seed))
    lines.push(LEAD_COLUMNS.map((c) => csvField(row[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
