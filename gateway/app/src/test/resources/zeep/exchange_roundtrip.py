"""A department system that speaks SOAP with zeep, not CXF, against a lienthong gateway.

Reads the WSDL from the gateway, submits a signed envelope as one agency (zeep sends it as
inline base64), then as the recipient lists its inbox until the envelope is there, fetches it
(the gateway answers with an MTOM attachment, which zeep resolves), writes the fetched bytes to
a file, acknowledges it, and asks for an envelope that is not there to read the fault's code.
Prints what it saw as one JSON object; ZeepInteropIT checks it.

    python3 exchange_roundtrip.py WSDL_URL SENDER_TOKEN RECIPIENT_TOKEN ENVELOPE_ID ENVELOPE_FILE FETCHED_FILE
"""
import hashlib
import json
import sys
import time

import requests
import zeep
from zeep.transports import Transport

NS = "{urn:lienthong:exchange:v1}"


def client(wsdl, token):
    session = requests.Session()
    session.headers["Authorization"] = "Bearer " + token
    return zeep.Client(wsdl, transport=Transport(session=session, timeout=60, operation_timeout=60))


def pending(exchange, envelope_id, timeout_seconds=30):
    deadline = time.monotonic() + timeout_seconds
    while time.monotonic() < deadline:
        entries = exchange.service.ListPending(Limit=500) or []
        for entry in entries:
            if entry.EnvelopeId == envelope_id:
                return entry
        time.sleep(0.2)
    raise SystemExit("envelope %s never reached the inbox" % envelope_id)


def fault_code(call):
    try:
        call()
    except zeep.exceptions.Fault as fault:
        return fault.detail.find(".//" + NS + "Code").text
    raise SystemExit("the call should have failed")


def main(wsdl, sender_token, recipient_token, envelope_id, envelope_file, fetched_file):
    with open(envelope_file, "rb") as f:
        envelope = f.read()
    sender = client(wsdl, sender_token)
    recipient = client(wsdl, recipient_token)

    submitted = sender.service.SubmitEnvelope(Envelope=envelope)
    entry = pending(recipient, envelope_id)
    fetched = recipient.service.FetchEnvelope(EnvelopeId=envelope_id)
    with open(fetched_file, "wb") as f:
        f.write(fetched.Envelope)
    acknowledged = recipient.service.AcknowledgeEnvelope(EnvelopeId=envelope_id)

    print(json.dumps({
        "receiptStartsWith": submitted.Receipt[:5].decode("ascii", "replace"),
        "replayed": submitted.Replayed,
        "listedSender": entry.Sender,
        "listedSize": entry.Size,
        "fetchedId": fetched.EnvelopeId,
        "fetchedSha256": hashlib.sha256(fetched.Envelope).hexdigest(),
        "acknowledgedBy": acknowledged.Recipient,
        "unknownFetchFault": fault_code(lambda: recipient.service.FetchEnvelope(EnvelopeId="no-such-envelope")),
    }))


if __name__ == "__main__":
    main(*sys.argv[1:7])
