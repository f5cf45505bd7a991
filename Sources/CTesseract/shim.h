#ifndef FORM4_CTESSERACT_SHIM_H
#define FORM4_CTESSERACT_SHIM_H
#include <tesseract/capi.h>

/* libtesseract is not linked but opened (dlopen) when a page first needs OCR: linking it made
   every form4 process load it and some sixty libraries it pulls in (leptonica, libarchive,
   libcurl and theirs), about a third of the start-up of a process that reads a native PDF.
   These are the types of the C API functions form4 calls, for looking them up with dlsym
   (see Sources/OCR/TesseractLibrary.swift); __typeof__ names no symbol, so nothing is linked. */
typedef __typeof__(&TessBaseAPIClear) form4_TessBaseAPIClear;
typedef __typeof__(&TessBaseAPIClearAdaptiveClassifier) form4_TessBaseAPIClearAdaptiveClassifier;
typedef __typeof__(&TessBaseAPICreate) form4_TessBaseAPICreate;
typedef __typeof__(&TessBaseAPIDelete) form4_TessBaseAPIDelete;
typedef __typeof__(&TessBaseAPIEnd) form4_TessBaseAPIEnd;
typedef __typeof__(&TessBaseAPIGetIterator) form4_TessBaseAPIGetIterator;
typedef __typeof__(&TessBaseAPIInit3) form4_TessBaseAPIInit3;
typedef __typeof__(&TessBaseAPIRecognize) form4_TessBaseAPIRecognize;
typedef __typeof__(&TessBaseAPISetImage) form4_TessBaseAPISetImage;
typedef __typeof__(&TessBaseAPISetPageSegMode) form4_TessBaseAPISetPageSegMode;
typedef __typeof__(&TessBaseAPISetSourceResolution) form4_TessBaseAPISetSourceResolution;
typedef __typeof__(&TessBaseAPISetVariable) form4_TessBaseAPISetVariable;
typedef __typeof__(&TessDeleteText) form4_TessDeleteText;
typedef __typeof__(&TessPageIteratorBoundingBox) form4_TessPageIteratorBoundingBox;
typedef __typeof__(&TessResultIteratorConfidence) form4_TessResultIteratorConfidence;
typedef __typeof__(&TessResultIteratorDelete) form4_TessResultIteratorDelete;
typedef __typeof__(&TessResultIteratorGetPageIterator) form4_TessResultIteratorGetPageIterator;
typedef __typeof__(&TessResultIteratorGetUTF8Text) form4_TessResultIteratorGetUTF8Text;
typedef __typeof__(&TessResultIteratorNext) form4_TessResultIteratorNext;

#endif
