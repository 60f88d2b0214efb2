/** The text of `paraphe --help`. */

export const HELP = `Usage: paraphe <command> [options]

Commands:
  sign IN.pdf -o OUT.pdf --p12 FILE      sign a PDF (PAdES baseline)
      [--password-env VAR]               environment variable holding the PKCS#12 password
                                         (default PARAPHE_P12_PASSWORD; empty when unset)
      [--level B-B|B-T|B-LT|B-LTA]       default B-T with --tsa, else B-B
      [--tsa URL] [--ocsp URL] [--crl FILE]... [--cert PEM]...
      [--field NAME] [--visible PAGE,X,Y,W,H] [--reason TEXT] [--location TEXT]
      [--certify 1|2|3] [--hash SHA-256|SHA-384|SHA-512]
  verify FILE.pdf [--trust PEM]... [--at ISO-TIME] [--json] [--online] [--lang fr|en]
                                         exit 0 = TOTAL_PASSED, 1 = failed or indeterminate,
                                         2 = file could not be read
  timestamp IN.pdf -o OUT.pdf --tsa URL [--renew] [--ocsp URL] [--crl FILE]... [--cert PEM]...
                                         add a document timestamp (--renew: archive renewal)
  ltv IN.pdf -o OUT.pdf [--ocsp URL] [--crl FILE]... [--cert PEM]...
                                         add validation data (DSS) for every signature
  pki init DIR [--base-url URL]          write a development PKI (not for production)
  tsa serve [--port 3161] [--pki DIR]    run a development timestamp authority on 127.0.0.1
  ocsp serve [--port 3162] [--pki DIR]   run a development OCSP responder on 127.0.0.1
  serve [--port 3000] [--host H] [--data DIR]
                                         run the platform (configuration: see README)
  audit verify [--data DIR | --database-url URL] [--org ID] [--json] [--tsa-cert PEM]
                                         check the audit chains; exit 1 names tampered events

Options:
  --help, -h       show this help
  --version, -v    show the version

--cert PEM adds certificates that complete chains for validation data (e.g. the root
when a signature does not carry it).

Errors are reported on one line: "paraphe: error CODE: message".
`;
