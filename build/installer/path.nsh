; path.nsh — add/remove one folder in the current user's PATH (HKCU\Environment\Path)
; without damaging it. Included by townledger.nsi.
;
; Why so careful: NSIS strings hold at most ${NSIS_MAX_STRLEN} characters (1024 in
; Debian's build). ReadRegStr on a longer value returns an empty or cut string, and
; writing that back would destroy the user's PATH. So the value's size is asked
; from Windows first (RegGetValueW) and the PATH is only touched when the whole
; result fits; otherwise it is left alone and the caller says so.
;
; Functions (the un. variants are the same code for the uninstaller):
;   TL_PathAdd      in $TL_PathEntry; out $TL_PathResult = "added" | "present" | "skipped"
;   un.TL_PathRemove in $TL_PathEntry; out $TL_PathResult = "removed" | "absent" | "skipped"
; The value's type (REG_EXPAND_SZ as Windows creates it, or REG_SZ) is kept.

!include LogicLib.nsh
!include WinMessages.nsh

Var TL_PathEntry   ; the folder to add/remove, e.g. C:\Users\x\AppData\Local\Programs\TownLedger\bin
Var TL_PathResult
Var TL_PathState   ; none (no Path value) | ok (read completely) | long (leave it alone)
Var TL_PathType    ; 1 = REG_SZ, 2 = REG_EXPAND_SZ
Var TL_PathValue   ; the raw, unexpanded value
Var TL_PathNew     ; value without $TL_PathEntry
Var TL_PathFound   ; 1 when $TL_PathEntry was in the value

!macro TL_PATH_FUNCTIONS UN

; Reads HKCU\Environment\Path into $TL_PathValue / $TL_PathType / $TL_PathState.
Function ${UN}TL_PathRead
  Push $0
  Push $1
  Push $2
  StrCpy $TL_PathValue ""
  StrCpy $TL_PathType 2
  ; HKEY_CURRENT_USER (sign-extended as Windows defines it), RRF_RT_ANY|RRF_NOEXPAND:
  ; $0 = result, $1 = type, $2 = size in bytes including the terminating NUL.
  System::Call 'advapi32::RegGetValueW(p -2147483647, w "Environment", w "Path", i 0x1000FFFF, *i 0 r1, p 0, *i 0 r2) i .r0'
  ${If} $0 = 2                          ; ERROR_FILE_NOT_FOUND: no user Path yet
    StrCpy $TL_PathState "none"
  ${ElseIf} $0 <> 0
    StrCpy $TL_PathState "long"         ; cannot be read: never write it
  ${ElseIf} $1 <> 1
  ${AndIf} $1 <> 2
    StrCpy $TL_PathState "long"         ; not a string value: not ours to fix
  ${Else}
    StrCpy $TL_PathType $1
    IntOp $2 $2 / 2                     ; characters including the NUL
    ${If} $2 >= ${NSIS_MAX_STRLEN}
      StrCpy $TL_PathState "long"
    ${Else}
      ClearErrors
      ReadRegStr $TL_PathValue HKCU "Environment" "Path"
      StrLen $0 $TL_PathValue
      ${If} ${Errors}
      ${OrIf} $0 >= $2                  ; more text than Windows said: something is off
        StrCpy $TL_PathState "long"
        StrCpy $TL_PathValue ""
      ${Else}
        StrCpy $TL_PathState "ok"
      ${EndIf}
    ${EndIf}
  ${EndIf}
  Pop $2
  Pop $1
  Pop $0
FunctionEnd

; $TL_PathNew = $TL_PathValue without any element equal to $TL_PathEntry (case-
; insensitive, ignoring a trailing "\" and expanding %variables%); $TL_PathFound = 0/1.
; Every other element, empty ones included, is kept exactly as it was.
Function ${UN}TL_PathFilter
  Push $0   ; rest of the value
  Push $1   ; index
  Push $2   ; length of rest / scratch
  Push $3   ; element
  Push $4   ; element, normalised
  Push $5   ; entry, normalised
  Push $6   ; 0 = more elements follow, 1 = this is the last one, 2 = done
  Push $7   ; 1 once an element has been kept
  StrCpy $TL_PathNew ""
  StrCpy $TL_PathFound 0
  StrCpy $5 $TL_PathEntry
  StrCpy $2 $5 1 -1
  ${If} $2 == "\"
    StrCpy $5 $5 -1
  ${EndIf}
  StrCpy $0 $TL_PathValue
  StrCpy $6 0
  StrCpy $7 0
  ${DoUntil} $6 = 2
    ; cut the next element off $0
    StrLen $2 $0
    StrCpy $1 0
    StrCpy $6 1
    ${DoWhile} $1 < $2
      StrCpy $3 $0 1 $1
      ${If} $3 == ";"
        StrCpy $6 0
        ${Break}
      ${EndIf}
      IntOp $1 $1 + 1
    ${Loop}
    StrCpy $3 $0 $1
    IntOp $1 $1 + 1
    StrCpy $0 $0 "" $1
    ; compare it with the entry
    ExpandEnvStrings $4 $3
    StrCpy $2 $4 1 -1
    ${If} $2 == "\"
      StrCpy $4 $4 -1
    ${EndIf}
    ${If} $5 != ""
    ${AndIf} $4 == $5
      StrCpy $TL_PathFound 1
    ${ElseIf} $7 = 0
      StrCpy $TL_PathNew $3
      StrCpy $7 1
    ${Else}
      StrCpy $TL_PathNew "$TL_PathNew;$3"
    ${EndIf}
    ${If} $6 = 1
      StrCpy $6 2
    ${EndIf}
  ${Loop}
  Pop $7
  Pop $6
  Pop $5
  Pop $4
  Pop $3
  Pop $2
  Pop $1
  Pop $0
FunctionEnd

; Writes $TL_PathNew back with the original type and tells running programs.
Function ${UN}TL_PathWrite
  ${If} $TL_PathNew == ""
    DeleteRegValue HKCU "Environment" "Path"
  ${ElseIf} $TL_PathType = 1
    WriteRegStr HKCU "Environment" "Path" $TL_PathNew
  ${Else}
    WriteRegExpandStr HKCU "Environment" "Path" $TL_PathNew
  ${EndIf}
  ; Explorer re-reads the environment; newly opened cmd windows see the change.
  SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
FunctionEnd

!macroend

!insertmacro TL_PATH_FUNCTIONS ""
!insertmacro TL_PATH_FUNCTIONS "un."

Function TL_PathAdd
  Push $0
  Push $1
  StrCpy $TL_PathResult "skipped"
  Call TL_PathRead
  ${If} $TL_PathState == "none"
    StrCpy $TL_PathValue ""
    StrCpy $TL_PathType 2
  ${EndIf}
  ${If} $TL_PathState != "long"
    Call TL_PathFilter
    ${If} $TL_PathFound = 1
      StrCpy $TL_PathResult "present"          ; never twice
    ${Else}
      ; lengths apart: a joined string would itself be cut at NSIS_MAX_STRLEN
      StrLen $0 $TL_PathValue
      StrLen $1 $TL_PathEntry
      IntOp $0 $0 + $1
      IntOp $0 $0 + 1                            ; the ";"
      ${If} $0 < ${NSIS_MAX_STRLEN}
        ${If} $TL_PathValue == ""
          StrCpy $TL_PathNew $TL_PathEntry
        ${Else}
          StrCpy $0 $TL_PathValue 1 -1
          ${If} $0 == ";"
            StrCpy $TL_PathNew "$TL_PathValue$TL_PathEntry"
          ${Else}
            StrCpy $TL_PathNew "$TL_PathValue;$TL_PathEntry"
          ${EndIf}
        ${EndIf}
        Call TL_PathWrite
        StrCpy $TL_PathResult "added"
      ${EndIf}
    ${EndIf}
  ${EndIf}
  Pop $1
  Pop $0
FunctionEnd

Function un.TL_PathRemove
  StrCpy $TL_PathResult "skipped"
  Call un.TL_PathRead
  ${If} $TL_PathState == "none"
    StrCpy $TL_PathResult "absent"
  ${ElseIf} $TL_PathState == "ok"
    Call un.TL_PathFilter
    ${If} $TL_PathFound = 1
      Call un.TL_PathWrite
      StrCpy $TL_PathResult "removed"
    ${Else}
      StrCpy $TL_PathResult "absent"
    ${EndIf}
  ${EndIf}
FunctionEnd
