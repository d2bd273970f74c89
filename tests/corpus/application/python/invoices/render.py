"""Printing: one helper builds a command line, another runs it."""
import shlex
import subprocess


def pdf_command(invoice):
    return "lp -o media=A4 /spool/" + shlex.quote(invoice) + ".pdf"


def run_quiet(command):
    # expect-not: CWE-78
    subprocess.run(command, shell=True, check=False, capture_output=True)
