"""Reading the front of a PRC resident ID card (居民身份证人像面) from a photo.

``ocr.recognise(image_bytes)`` returns an ``IdCardResult``; ``render`` draws
synthetic cards for tests, the benchmark and the demo. Pure Python plus
Pillow/numpy and the OCR engine (rapidocr-onnxruntime, models inside the
wheel); no Django. Import the submodules directly: importing this package
loads neither the engine nor the fonts.
"""
