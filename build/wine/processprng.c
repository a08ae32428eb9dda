/*
 * processprng.c — a tiny stand-in for Windows' bcryptprimitives.dll, for testing
 * TownLedger under Wine 8.0 only (never shipped to users).
 *
 * Go >= 1.22 gets its random numbers from bcryptprimitives!ProcessPrng, which
 * real Windows 10+ has and Wine 8.0 lacks, so the Go runtime aborts at start.
 * This DLL exports ProcessPrng and fills the buffer with advapi32's
 * SystemFunction036 (RtlGenRandom), which Wine implements.
 *
 * Built by build/wine/prefix.sh (no C runtime, ~4 KB):
 *   x86_64-w64-mingw32-gcc -shared -O2 -s -nostdlib -Wl,--entry,DllMain \
 *     -o bcryptprimitives.dll processprng.c -ladvapi32 -lkernel32
 * It must sit in the prefix's drive_c/windows/system32: Go loads it with
 * LOAD_LIBRARY_SEARCH_SYSTEM32, so a copy beside the exe is never found.
 */
#include <windows.h>

/* RtlGenRandom's real name; its length argument is a ULONG (32 bits). */
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
    (void)instance;
    (void)reason;
    (void)reserved;
    return TRUE;
}

/* Same contract as Windows: fills n bytes, returns TRUE (the real one never fails). */
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE p, SIZE_T n)
{
    const SIZE_T chunk = (SIZE_T)1 << 30; /* stays well inside ULONG */
    while (n > 0) {
        ULONG len = (ULONG)(n < chunk ? n : chunk);
        if (!SystemFunction036(p, len))
            return FALSE;
        p += len;
        n -= len;
    }
    return TRUE;
}
