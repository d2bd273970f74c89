"""Load a data-pipeline definition uploaded through the scheduler UI."""
import yaml
from fastapi import FastAPI, File, HTTPException, UploadFile

from .scheduler import register_pipeline

app = FastAPI()


@app.post("/pipelines")
async def create_pipeline(spec: UploadFile = File(...)):
    body = await spec.read()
    try:
        # expect-not: CWE-502
        definition = yaml.load(body, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise HTTPException(status_code=400, detail=str(exc))
    pipeline_id = register_pipeline(definition["name"], definition["steps"])
    return {"id": pipeline_id}
