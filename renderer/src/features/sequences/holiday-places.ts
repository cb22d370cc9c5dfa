/** A country or one of its states, as date-holidays knows them. */
export interface HolidayPlace {
  code: string;
  name: string;
}

export interface HolidayPlaces {
  countries: HolidayPlace[];
  states(country: string): HolidayPlace[];
}

const byName = (places: Record<string, string>): HolidayPlace[] =>
  Object.entries(places)
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => a.name.localeCompare(b.name));

let loading: Promise<HolidayPlaces> | null = null;

/**
 * The countries (and states) whose public holidays a schedule can skip. date-holidays carries every
 * country's rules, so it is its own chunk, read the first time a schedule is shown, and only once.
 */
export function loadHolidayPlaces(): Promise<HolidayPlaces> {
  loading ??= import('date-holidays').then(({ default: Holidays }) => {
    const hd = new Holidays();
    const countries = byName(hd.getCountries('en'));
    return { countries, states: (country) => byName(hd.getStates(country, 'en') ?? {}) };
  });
  return loading;
}

/** "DE-BY" → { country: 'DE', state: 'BY' }; '' → none. */
export function splitPlace(code: string): { country: string; state: string } {
  const [country = '', state = ''] = code.split('-');
  return { country, state };
}
