from screener.cli.main import run

run()
