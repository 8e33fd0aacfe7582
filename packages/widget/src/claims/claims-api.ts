// The member center's GraphQL: what it reads (policy, guarantees, claims), asks
// (claimEligibility) and writes (uploads, fileClaim, addClaimDocuments), with a member session.
import { ApiError, type Money, post } from '../api-client.js';

export interface ClaimPackage {
  trackingNumber: string;
  status: string;
  flags: string[];
}

export interface MemberGuarantee {
  id: string;
  orderNumber: string;
  status: string;
  fee: Money;
  packages: ClaimPackage[];
}

export interface ClaimDocument {
  id: string;
  kind: string;
  fileName: string;
}

export interface Claim {
  id: string;
  reference: string;
  type: string;
  status: string;
  description: string;
  filedAt: string;
  dueAt: string | null;
  paidAt: string | null;
  payoutReference: string | null;
  missingDocuments: string[];
  package: { trackingNumber: string };
  guarantee: { id: string; orderNumber: string };
  documents: ClaimDocument[];
  decision: {
    outcome: 'APPROVE' | 'REJECT';
    payable: Money;
    reasonCodes: string[];
    breakdown: { label: string; rule: string; amount: Money }[];
    note: string | null;
  } | null;
  timeline: { at: string; status: string; note: string | null }[];
}

export interface ReasonTitle {
  code: string;
  title: string;
  translations: { locale: string; title: string }[];
}

export interface MemberPolicy {
  requiredDocuments: { claimType: string; documentKinds: string[] }[];
  exclusions: ReasonTitle[];
}

export interface MemberData {
  policy: MemberPolicy;
  guarantees: MemberGuarantee[];
  claims: Claim[];
}

export interface Eligibility {
  eligible: boolean;
  reasons: string[];
  deadline: string | null;
  maxPayable: Money | null;
}

const MONEY = '{amount currencyCode}';
/** Every field of a claim the element shows; the live subscription asks for the same. */
export const CLAIM_FIELDS = `id reference type status description filedAt dueAt paidAt payoutReference missingDocuments package{trackingNumber} guarantee{id orderNumber} documents{id kind fileName} decision{outcome payable${MONEY} reasonCodes breakdown{label rule amount${MONEY}} note} timeline{at status note}`;

const MEMBER = `query MemberCenter{policy{requiredDocuments{claimType documentKinds} exclusions{code title translations{locale title}}} guarantees(first:50){edges{node{id orderNumber status fee${MONEY} packages{trackingNumber status flags}}}} claims(first:100){edges{node{${CLAIM_FIELDS}}}}}`;
const ELIGIBILITY = `query Eligibility($t:String!,$c:ClaimType!){claimEligibility(trackingNumber:$t,type:$c){eligible reasons deadline maxPayable${MONEY}}}`;
const UPLOAD = `mutation Upload($input:CreateDocumentUploadInput!){createDocumentUpload(input:$input){upload{documentId url} userErrors{message code}}}`;
const FILE = `mutation File($input:FileClaimInput!){fileClaim(input:$input){claim{${CLAIM_FIELDS}} userErrors{message code}}}`;
const ADD = `mutation Add($input:AddClaimDocumentsInput!){addClaimDocuments(input:$input){claim{${CLAIM_FIELDS}} userErrors{message code}}}`;

type Payload = Record<string, unknown> & { userErrors: { message: string; code: string }[] };

/** A payload's object, or its first refusal as an `ApiError`. */
async function mutate<T>(
  url: string,
  token: string,
  query: string,
  field: string,
  object: string,
  input: object,
): Promise<T> {
  const payload = (await post<Record<string, Payload>>(url, token, query, { input }))[field];
  const value = payload?.[object] as T | null | undefined;
  if (value) return value;
  const refusal = payload?.userErrors[0];
  throw new ApiError(refusal?.code ?? 'REFUSED', refusal?.message ?? 'refused');
}

const nodes = <T>(connection: { edges: { node: T }[] }): T[] => connection.edges.map((e) => e.node);

export async function loadMember(url: string, token: string): Promise<MemberData> {
  const data = await post<{
    policy: MemberPolicy;
    guarantees: { edges: { node: MemberGuarantee }[] };
    claims: { edges: { node: Claim }[] };
  }>(url, token, MEMBER, {});
  return { policy: data.policy, guarantees: nodes(data.guarantees), claims: nodes(data.claims) };
}

export async function checkEligibility(
  url: string,
  token: string,
  trackingNumber: string,
  type: string,
): Promise<Eligibility> {
  const data = await post<{ claimEligibility: Eligibility }>(url, token, ELIGIBILITY, {
    t: trackingNumber,
    c: type,
  });
  return data.claimEligibility;
}

export function createUpload(
  url: string,
  token: string,
  input: { kind: string; fileName: string; contentType: string; byteSize: number },
): Promise<{ documentId: string; url: string }> {
  return mutate(url, token, UPLOAD, 'createDocumentUpload', 'upload', input);
}

export function fileClaim(
  url: string,
  token: string,
  input: { trackingNumber: string; type: string; description: string; documentIds: string[] },
): Promise<Claim> {
  return mutate(url, token, FILE, 'fileClaim', 'claim', input);
}

export function addClaimDocuments(
  url: string,
  token: string,
  input: { claimId: string; documentIds: string[] },
): Promise<Claim> {
  return mutate(url, token, ADD, 'addClaimDocuments', 'claim', input);
}

/**
 * PUTs a file's bytes to its upload URL with XMLHttpRequest (fetch reports no upload
 * progress), reporting progress from 0 to 100. Resolves on 2xx; a refusal rejects with the
 * server's reason (wrong type, size, content that is not what it claims to be).
 */
export function putFile(
  uploadUrl: string,
  file: Blob,
  contentType: string,
  onProgress: (percent: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', uploadUrl);
    xhr.setRequestHeader('content-type', contentType);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.floor((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve();
      let reason: { code?: string; message?: string } | undefined;
      try {
        reason = JSON.parse(xhr.responseText).error;
      } catch {}
      reject(new ApiError(reason?.code ?? `HTTP_${xhr.status}`, reason?.message ?? ''));
    };
    xhr.onerror = () => reject(new ApiError('NETWORK_ERROR', ''));
    xhr.send(file);
  });
}
