from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from lxml import etree

from .shipping import create_shipment

PARSER = etree.XMLParser(resolve_entities=True, load_dtd=True)


@csrf_exempt
def soap_create_shipment(request):
    # expect: CWE-611
    envelope = etree.fromstring(request.body, parser=PARSER)
    ns = {"s": "http://schemas.xmlsoap.org/soap/envelope/", "c": "urn:carrier"}
    ref = envelope.findtext(".//c:Reference", namespaces=ns)
    address = envelope.findtext(".//c:Address", namespaces=ns)
    tracking = create_shipment(ref, address)
    return HttpResponse(f"<ok><tracking>{tracking}</tracking></ok>", content_type="text/xml")
