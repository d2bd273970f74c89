"""Load a data-pipeline definition uploaded through the scheduler UI."""
import yaml
from fastapi import FastAPI, File, UploadFile

from .scheduler import register_pipeline

app = FastAPI()


@app.post("/pipelines")
async def create_pipeline(spec: UploadFile = File(...)):
    body = await spec.read()
    # expect: CWE-502
    definition = yaml.load(body, Loader=yaml.Loader)
    pipeline_id = register_pipeline(definition["name"], definition["steps"])
    return {"id": pipeline_id}
