import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt

from .shipping import create_shipment


@csrf_exempt
def soap_create_shipment(request):
    if b"<!DOCTYPE" in request.body[:2048].upper():
        return HttpResponse(status=400)
    # the standard-library parser does not fetch external entities; DTDs are refused above
    # expect-not: CWE-611
    envelope = ET.fromstring(request.body)
    ns = {"s": "http://schemas.xmlsoap.org/soap/envelope/", "c": "urn:carrier"}
    ref = envelope.findtext(".//c:Reference", namespaces=ns)
    address = envelope.findtext(".//c:Address", namespaces=ns)
    tracking = create_shipment(ref, address)
    return HttpResponse(f"<ok><tracking>{escape(tracking)}</tracking></ok>", content_type="text/xml")
