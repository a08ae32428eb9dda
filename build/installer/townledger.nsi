; townledger.nsi — per-user Windows installer for TownLedger (乡镇应急执法台账).
;
; Build it with build/package.sh, which reads FyneApp.toml and writes the include
; file passed as META_NSH (all !defines below marked "from META_NSH"):
;   makensis -INPUTCHARSET UTF8 -DMETA_NSH=/tmp/…/meta.nsh build/installer/townledger.nsi
;
; What it does
;   * installs into $LOCALAPPDATA\Programs\TownLedger (changeable), no admin rights,
;     nothing in HKLM or Program Files;
;   * TownLedger.exe (window) in the install folder, the console townledger.exe in
;     its bin\ subfolder — Windows file names ignore case, so both cannot share one
;     folder; bin\ is also the only folder that goes on PATH;
;   * Start-menu and desktop shortcuts, an "Apps & features" entry (HKCU), the
;     bin\ folder on the user's PATH when that can be done safely (path.nsh);
;   * upgrades in place (the old folder is the default), never touches the data in
;     $LOCALAPPDATA\TownLedger; refuses to go on while the program is running;
;   * the uninstaller keeps the data unless its checkbox is ticked or /DELETEDATA
;     is given (silent: uninstall.exe /S /DELETEDATA).
; Silent: setup.exe /S [/D=C:\path]  ·  uninstall.exe /S [/DELETEDATA]
; Exit codes: 0 done, 1 cancelled, 2 aborted (e.g. the program is still running).

Unicode true
Target amd64-unicode
RequestExecutionLevel user
ManifestSupportedOS all
ManifestDPIAware true
; COMPRESSION comes from package.sh: bzip2 (default, ~6 s, ~34 MB for the two
; 40 MB exes) or lzma (~45 s single-threaded, ~14 MB: the two exes are the same
; program built twice, and a solid 64 MB dictionary stores the second one almost
; for free).
!ifndef COMPRESSION
  !define COMPRESSION bzip2
!endif
SetCompressor /SOLID ${COMPRESSION}
!if ${COMPRESSION} == lzma
  SetCompressorDictSize 64
!endif

!ifndef META_NSH
  !error "META_NSH is not defined — build the installer with build/package.sh"
!endif
!include "${META_NSH}"
!macro TL_NEED NAME
  !ifndef ${NAME}
    !error "${META_NSH} does not define ${NAME}"
  !endif
!macroend
!insertmacro TL_NEED APP_NAME      ; TownLedger        ([Details] Name)
!insertmacro TL_NEED APP_ID        ; cn.gov.townledger ([Details] ID)
!insertmacro TL_NEED VERSION       ; 0.1.0             ([Details] Version)
!insertmacro TL_NEED FILE_VERSION  ; 0.1.0.1           (Version + [Details] Build)
!insertmacro TL_NEED DISPLAY_NAME  ; 乡镇应急执法台账  ([TownLedger] DisplayName)
!insertmacro TL_NEED PUBLISHER     ;                   ([TownLedger] Publisher)
!insertmacro TL_NEED COPYRIGHT     ;                   ([TownLedger] Copyright)
!insertmacro TL_NEED WEBSITE       ; may be ""         (Website)
!insertmacro TL_NEED ICON          ; .ico made from [Details] Icon
!insertmacro TL_NEED WIZARD_BMP    ; 164x314 .bmp for the welcome/finish pages
!insertmacro TL_NEED GUI_EXE       ; path of TownLedger.exe on the build machine
!insertmacro TL_NEED CLI_EXE       ; path of the console townledger.exe
!insertmacro TL_NEED LICENSE_DIR   ; folder with third-party licence texts
!insertmacro TL_NEED OUTFILE

!define GUI_EXE_NAME "${APP_NAME}.exe"       ; TownLedger.exe
!define CLI_NAME     "townledger"
!define CLI_EXE_NAME "${CLI_NAME}.exe"
!define CLI_DIR      "bin"
!define UNINSTALLER  "uninstall.exe"
!define UNINST_KEY   "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_NAME}"

!include MUI2.nsh
!include LogicLib.nsh
!include FileFunc.nsh
!include WordFunc.nsh
!include WinVer.nsh
!include WinMessages.nsh
!include nsDialogs.nsh
!include "path.nsh"

Name "${DISPLAY_NAME}" "${DISPLAY_NAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP_NAME}"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
BrandingText "${DISPLAY_NAME} ${VERSION}"
ShowInstDetails hide
ShowUninstDetails hide
SetOverwrite on

Var TL_OldDir       ; folder of an earlier install (from its Apps & features entry)
Var TL_OldVersion
Var TL_BusyFile     ; file that could not be opened for writing (shown in the message)
Var TL_FinishCli    ; finish-page line about the command line
Var TL_DeleteData   ; uninstaller: 1 = delete the user's data too
Var TL_DataCheckbox
Var TL_UnFinishText

; ---------------------------------------------------------------- pages
!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_WELCOMEFINISHPAGE_BITMAP "${WIZARD_BMP}"
!define MUI_UNWELCOMEFINISHPAGE_BITMAP "${WIZARD_BMP}"
!define MUI_ABORTWARNING
!define MUI_UNABORTWARNING

!define MUI_WELCOMEPAGE_TITLE "$(TL_WelcomeTitle)"
!define MUI_WELCOMEPAGE_TEXT "$(TL_WelcomeText)"
!insertmacro MUI_PAGE_WELCOME
!define MUI_DIRECTORYPAGE_TEXT_TOP "$(TL_DirText)"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_TITLE "$(TL_FinishTitle)"
!define MUI_FINISHPAGE_TEXT "$(TL_FinishText)"
!define MUI_FINISHPAGE_TEXT_LARGE
!define MUI_FINISHPAGE_RUN "$INSTDIR\${GUI_EXE_NAME}"
!define MUI_FINISHPAGE_RUN_TEXT "$(TL_FinishRun)"
!define MUI_FINISHPAGE_NOREBOOTSUPPORT
!insertmacro MUI_PAGE_FINISH

UninstPage custom un.TL_DataPageShow un.TL_DataPageLeave
!insertmacro MUI_UNPAGE_INSTFILES
!define MUI_FINISHPAGE_TITLE "$(TL_UnFinishTitle)"
!define MUI_FINISHPAGE_TEXT "$TL_UnFinishText"
!define MUI_FINISHPAGE_TEXT_LARGE
!define MUI_FINISHPAGE_NOREBOOTSUPPORT
!insertmacro MUI_UNPAGE_FINISH

!insertmacro MUI_LANGUAGE "SimpChinese"
!include "strings.nsh"

; ---------------------------------------------------------------- version info
VIProductVersion "${FILE_VERSION}"
VIFileVersion "${FILE_VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductName" "${DISPLAY_NAME}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileVersion" "${FILE_VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileDescription" "${DISPLAY_NAME}安装程序"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "LegalCopyright" "${COPYRIGHT}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "InternalName" "${APP_ID}"

; ---------------------------------------------------------------- shared helpers
; Loops until FILE can be opened for writing (a running exe cannot), asking the
; user to close the program. Silent mode answers "cancel" at once: exit code 2.
!macro TL_WAIT_WRITABLE FILE
  ${If} ${FileExists} "${FILE}"
    StrCpy $TL_BusyFile "${FILE}"
    ${Do}
      ClearErrors
      FileOpen $0 "${FILE}" a
      ${IfNot} ${Errors}
        FileClose $0
        ${Break}
      ${EndIf}
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(TL_CloseApp)" /SD IDCANCEL IDRETRY +3
        DetailPrint "$(TL_AbortedBusy)"
        Abort "$(TL_AbortedBusy)"
    ${Loop}
  ${EndIf}
!macroend

; ---------------------------------------------------------------- installer
Function .onInit
  SetShellVarContext current
  ${IfNot} ${AtLeastWin10}
    MessageBox MB_OK|MB_ICONSTOP "$(TL_NeedWin10)" /SD IDOK
    Abort
  ${EndIf}
  ReadRegStr $TL_OldDir HKCU "${UNINST_KEY}" "InstallLocation"
  StrCpy $0 $TL_OldDir 1 -1                ; compared with $INSTDIR, which has no trailing "\"
  ${If} $0 == "\"
    StrCpy $TL_OldDir $TL_OldDir -1
  ${EndIf}
  ReadRegStr $TL_OldVersion HKCU "${UNINST_KEY}" "DisplayVersion"
  ${If} $TL_OldVersion != ""
    ${VersionCompare} "$TL_OldVersion" "${VERSION}" $0
    ${If} $0 = 1
      MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 "$(TL_Downgrade)" /SD IDNO IDYES +2
        Abort
    ${EndIf}
  ${EndIf}
FunctionEnd

Section "-install"
  SetShellVarContext current
  !insertmacro TL_WAIT_WRITABLE "$INSTDIR\${GUI_EXE_NAME}"
  !insertmacro TL_WAIT_WRITABLE "$INSTDIR\${CLI_DIR}\${CLI_EXE_NAME}"

  ; An earlier install in another folder: remove it first (its uninstaller
  ; keeps the data), so there is one copy, one entry and one PATH entry.
  ${If} $TL_OldDir != ""
  ${AndIf} $TL_OldDir != $INSTDIR
  ${AndIf} ${FileExists} "$TL_OldDir\${UNINSTALLER}"
    !insertmacro TL_WAIT_WRITABLE "$TL_OldDir\${GUI_EXE_NAME}"
    ClearErrors
    ExecWait '"$TL_OldDir\${UNINSTALLER}" /S _?=$TL_OldDir' $0
    ${If} ${Errors}
    ${OrIf} $0 <> 0
      DetailPrint "$(TL_OldNotRemoved)"
    ${Else}
      Delete "$TL_OldDir\${UNINSTALLER}"
      RMDir "$TL_OldDir"
      DetailPrint "$(TL_OldRemoved)"
    ${EndIf}
  ${EndIf}

  SetOutPath "$INSTDIR"
  File "/oname=${GUI_EXE_NAME}" "${GUI_EXE}"
  SetOutPath "$INSTDIR\${CLI_DIR}"
  File "/oname=${CLI_EXE_NAME}" "${CLI_EXE}"
  SetOutPath "$INSTDIR\licenses"
  File "${LICENSE_DIR}\*.txt"
  SetOutPath "$INSTDIR"
  WriteUninstaller "$INSTDIR\${UNINSTALLER}"

  ; Shortcuts start in the install folder; the program finds its data by itself.
  CreateShortcut "$SMPROGRAMS\${DISPLAY_NAME}.lnk" "$INSTDIR\${GUI_EXE_NAME}" "" \
    "$INSTDIR\${GUI_EXE_NAME}" 0 SW_SHOWNORMAL "" "$(TL_ShortcutDesc)"
  CreateShortcut "$DESKTOP\${DISPLAY_NAME}.lnk" "$INSTDIR\${GUI_EXE_NAME}" "" \
    "$INSTDIR\${GUI_EXE_NAME}" 0 SW_SHOWNORMAL "" "$(TL_ShortcutDesc)"

  ; Command line on PATH (only when it fits; path.nsh). Remember the exact entry
  ; so the uninstaller removes that one and nothing else.
  ReadRegStr $1 HKCU "${UNINST_KEY}" "PathEntry"
  StrCpy $TL_PathEntry "$INSTDIR\${CLI_DIR}"
  Call TL_PathAdd
  ${If} $TL_PathResult == "added"
    DetailPrint "$(TL_PathAdded)"
    StrCpy $1 $TL_PathEntry
    StrCpy $TL_FinishCli "$(TL_FinishCliPath)"
  ${ElseIf} $TL_PathResult == "present"
    ; ours only if an earlier install of ours put it there
    DetailPrint "$(TL_PathPresent)"
    ${If} $1 != $TL_PathEntry
      StrCpy $1 ""
    ${EndIf}
    StrCpy $TL_FinishCli "$(TL_FinishCliPath)"
  ${Else}
    DetailPrint "$(TL_PathSkipped)"
    StrCpy $1 ""
    StrCpy $TL_FinishCli "$(TL_FinishCliFull)"
  ${EndIf}

  ; "Apps & features" (per user)
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${DISPLAY_NAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${GUI_EXE_NAME},0"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /S'
  !if "${WEBSITE}" != ""
    WriteRegStr HKCU "${UNINST_KEY}" "URLInfoAbout" "${WEBSITE}"
  !endif
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${If} $1 != ""
    WriteRegStr HKCU "${UNINST_KEY}" "PathEntry" $1
  ${Else}
    DeleteRegValue HKCU "${UNINST_KEY}" "PathEntry"
  ${EndIf}
  ${GetSize} "$INSTDIR" "/S=0K" $0 $2 $3
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" $0
SectionEnd

; ---------------------------------------------------------------- uninstaller
Function un.onInit
  SetShellVarContext current
  StrCpy $TL_DeleteData 0
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/DELETEDATA" $1
  ${IfNot} ${Errors}
    StrCpy $TL_DeleteData 1
  ${EndIf}
FunctionEnd

Function un.TL_DataPageShow
  !insertmacro MUI_HEADER_TEXT "$(TL_UnDataTitle)" "$(TL_UnDataSubtitle)"
  nsDialogs::Create 1018
  Pop $0
  ${If} $0 == error
    Abort
  ${EndIf}
  ${NSD_CreateLabel} 0 0 100% 42u "$(TL_UnDataIntro)"
  Pop $0
  ${NSD_CreateCheckbox} 0 50u 100% 14u "$(TL_UnDataCheck)"
  Pop $TL_DataCheckbox
  ${If} $TL_DeleteData = 1
    ${NSD_Check} $TL_DataCheckbox
  ${EndIf}
  ${NSD_CreateLabel} 12u 68u -12u 64u "$(TL_UnDataWhere)"
  Pop $0
  ; This page replaces the confirm page, so its button says 卸载.
  GetDlgItem $0 $HWNDPARENT 1
  SendMessage $0 ${WM_SETTEXT} 0 "STR:$(^UninstallBtn)"
  nsDialogs::Show
FunctionEnd

Function un.TL_DataPageLeave
  ${NSD_GetState} $TL_DataCheckbox $0
  ${If} $0 = ${BST_CHECKED}
    MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 "$(TL_UnDataConfirm)" IDYES +2
      Abort                              ; stay on the page
    StrCpy $TL_DeleteData 1
  ${Else}
    StrCpy $TL_DeleteData 0
  ${EndIf}
FunctionEnd

Section "Uninstall"
  SetShellVarContext current
  !insertmacro TL_WAIT_WRITABLE "$INSTDIR\${GUI_EXE_NAME}"
  !insertmacro TL_WAIT_WRITABLE "$INSTDIR\${CLI_DIR}\${CLI_EXE_NAME}"

  ; Only our own files: the folder may hold things the user put there.
  Delete "$INSTDIR\${GUI_EXE_NAME}"
  Delete "$INSTDIR\${CLI_DIR}\${CLI_EXE_NAME}"
  RMDir "$INSTDIR\${CLI_DIR}"
  Delete "$INSTDIR\licenses\*.txt"
  RMDir "$INSTDIR\licenses"
  Delete "$SMPROGRAMS\${DISPLAY_NAME}.lnk"
  Delete "$DESKTOP\${DISPLAY_NAME}.lnk"

  ReadRegStr $TL_PathEntry HKCU "${UNINST_KEY}" "PathEntry"
  ${If} $TL_PathEntry != ""
    Call un.TL_PathRemove
  ${EndIf}
  DeleteRegKey HKCU "${UNINST_KEY}"

  Delete "$INSTDIR\${UNINSTALLER}"
  RMDir "$INSTDIR"

  ${If} $TL_DeleteData = 1
  ${AndIf} $LOCALAPPDATA != ""
  ${AndIf} $APPDATA != ""
    RMDir /r "$LOCALAPPDATA\${APP_NAME}"
    RMDir /r "$APPDATA\fyne\${APP_ID}"
    RMDir "$APPDATA\fyne"                ; only if no other Fyne app uses it
    DetailPrint "$(TL_UnDataDeleted)"
    StrCpy $TL_UnFinishText "$(TL_UnFinishDeleted)"
  ${Else}
    DetailPrint "$(TL_UnDataKept)"
    StrCpy $TL_UnFinishText "$(TL_UnFinishKept)"
  ${EndIf}
SectionEnd
