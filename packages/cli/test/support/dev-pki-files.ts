/** Where `paraphe pki init DIR` puts things, and the password of its PKCS#12 files. */
import { join } from 'node:path';

export const DEV_P12_PASSWORD = 'paraphe-dev';

export const DEV = {
  root: (dir: string) => join(dir, 'root.pem'),
  alice: (dir: string) => join(dir, 'alice.p12'),
  benoit: (dir: string) => join(dir, 'benoit.p12'),
  passwordEnv: (): Record<string, string> => ({ PARAPHE_P12_PASSWORD: DEV_P12_PASSWORD }),
};
