// NIST SP 800-218, Secure Software Development Framework (SSDF) version 1.1 (February 2022): its 19 practices in
// four groups. PW.3 is not a practice of v1.1: its task moved to PO.1.3 and PW.4.4. References name practices, not
// the 42 tasks under them, so one answer is not split across tasks no interview tells apart.
import type { ControlCatalogue } from './catalogue.js';

export const SSDF: ControlCatalogue = {
  framework: 'ssdf',
  name: 'NIST SP 800-218 SSDF v1.1',
  short: 'NIST SSDF',
  example: 'PW.7',
  format: /^(PO|PS|PW|RV)\.\d$/,
  sources: [
    'NIST SP 800-218 v1.1, https://nvlpubs.nist.gov/nistpubs/SpecialPublications/NIST.SP.800-218.pdf, and its table NIST.SP.800-218.SSDF-table.xlsx',
    "Checked against CycloneDX cdxgen's machine-readable copy of that table (data/templates/nist-ssdf-1.1.cdx.json), where PO.1.3 is marked [Formerly PW.3.1]",
  ],
  controls: [
    ['PO.1', 'Define security requirements for software development'],
    ['PO.2', 'Implement roles and responsibilities'],
    ['PO.3', 'Implement supporting toolchains'],
    ['PO.4', 'Define and use criteria for software security checks'],
    ['PO.5', 'Implement and maintain secure environments for software development'],
    ['PS.1', 'Protect all forms of code from unauthorized access and tampering'],
    ['PS.2', 'Provide a mechanism for verifying software release integrity'],
    ['PS.3', 'Archive and protect each software release'],
    ['PW.1', 'Design software to meet security requirements and mitigate security risks'],
    ['PW.2', 'Review the software design to verify compliance with security requirements and risk information'],
    ['PW.4', 'Reuse existing, well-secured software when feasible instead of duplicating functionality'],
    ['PW.5', 'Create source code by adhering to secure coding practices'],
    ['PW.6', 'Configure the compilation, interpreter, and build processes to improve executable security'],
    ['PW.7', 'Review and/or analyze human-readable code to identify vulnerabilities'],
    ['PW.8', 'Test executable code to identify vulnerabilities'],
    ['PW.9', 'Configure software to have secure settings by default'],
    ['RV.1', 'Identify and confirm vulnerabilities on an ongoing basis'],
    ['RV.2', 'Assess, prioritize, and remediate vulnerabilities'],
    ['RV.3', 'Analyze vulnerabilities to identify their root causes'],
  ],
};
