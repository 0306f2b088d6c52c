import type { JourneyState } from './steps';
import type { Profile } from './profile';

/** What every step page receives: the journey's current data, and where to go once its part is saved. */
export interface StepProps {
  profile: Profile;
  state: JourneyState;
  onSaved: () => void;
}
