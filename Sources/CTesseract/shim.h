#ifndef FORM4_CTESSERACT_SHIM_H
#define FORM4_CTESSERACT_SHIM_H
#include <tesseract/capi.h>
#endif
