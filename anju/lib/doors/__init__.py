"""Smart door access (智能门禁), pure logic: the device protocol (parse, sign, verify) and alarm rules.

No Django here: the ingest worker, the HTTP endpoint, the simulator and the benchmark share it.
"""
