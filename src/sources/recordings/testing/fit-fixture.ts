/**
 * FIT files for tests, made with the FIT SDK's own encoder: a file id and one HRV message (78) per
 * entry of `messages`, each a `time` array of RR intervals in seconds (null → the invalid value
 * 0xFFFF, a missing interval).
 */
import { Encoder, Profile } from '@garmin/fitsdk';

type EncoderMesg = Parameters<Encoder['onMesg']>[1];

export function encodeFitHrv(messages: readonly (readonly (number | null)[])[], created = new Date('2026-03-15T09:00:00Z')): Uint8Array {
  const encoder = new Encoder();
  encoder.onMesg(Profile.MesgNum.FILE_ID, {
    manufacturer: 'development',
    product: 1,
    timeCreated: created,
    type: 'activity',
  } as unknown as EncoderMesg);
  for (const time of messages) {
    // 65.535 s is the raw 0xFFFF, which FIT reads as "invalid".
    encoder.onMesg(Profile.MesgNum.HRV, { time: time.map((t) => t ?? 65.535) } as unknown as EncoderMesg);
  }
  return encoder.close();
}
