; strings.nsh — every text of the installer and uninstaller that NSIS's own
; Simplified Chinese language file does not already provide. Included by
; townledger.nsi after MUI_LANGUAGE "SimpChinese". Variables ($INSTDIR, …) are
; filled in when the text is shown. $\r$\n is a line break.

!define L ${LANG_SIMPCHINESE}

LangString TL_WelcomeTitle ${L} "欢迎安装${DISPLAY_NAME}"
LangString TL_WelcomeText  ${L} "本向导将把${DISPLAY_NAME} ${VERSION} 安装到你的电脑上。$\r$\n$\r$\n\
只为当前 Windows 用户安装，不需要管理员权限。$\r$\n$\r$\n\
如果以前已经安装过，本向导会更新程序文件，已有的台账数据不会改动；程序下次启动时会先自动备份数据库。$\r$\n$\r$\n\
安装前请先关闭${DISPLAY_NAME}。$\r$\n$\r$\n\
点击“下一步”继续。"

LangString TL_DirText       ${L} "将把${DISPLAY_NAME}安装到下面的文件夹，一般不用修改。$\r$\n$\r$\n\
台账数据不放在这个文件夹里：以后更新或卸载程序，数据都会保留。$\r$\n$\r$\n点击“安装”开始。"

LangString TL_NeedWin10     ${L} "${DISPLAY_NAME}需要 Windows 10 或更高版本（64 位）。$\r$\n$\r$\n本电脑的 Windows 版本太旧，无法安装。"
LangString TL_Downgrade     ${L} "这台电脑上已经安装了较新的版本 $TL_OldVersion，本安装程序是较旧的版本 ${VERSION}。$\r$\n$\r$\n\
较旧的版本可能打不开新版本保存的台账数据。$\r$\n$\r$\n确实要换成较旧的版本吗？"
LangString TL_CloseApp      ${L} "请先关闭${DISPLAY_NAME}，然后点击重试。$\r$\n$\r$\n\
（程序正在运行，文件无法替换：$TL_BusyFile）"
LangString TL_AbortedBusy   ${L} "程序仍在运行，没有做任何改动。"
LangString TL_OldRemoved    ${L} "已移除旧的安装：$TL_OldDir"
LangString TL_OldNotRemoved ${L} "旧的安装未能移除（$TL_OldDir），可以稍后在“应用和功能”里卸载它。"
LangString TL_PathAdded     ${L} "已把命令行程序所在的文件夹加入 PATH：$INSTDIR\${CLI_DIR}"
LangString TL_PathPresent   ${L} "PATH 里已经有命令行程序所在的文件夹。"
LangString TL_PathSkipped   ${L} "PATH 太长，没有改动。命令行请用完整路径：$INSTDIR\${CLI_DIR}\${CLI_EXE_NAME}"
LangString TL_ShortcutDesc  ${L} "打开${DISPLAY_NAME}"

LangString TL_FinishTitle   ${L} "安装完成"
LangString TL_FinishText    ${L} "${DISPLAY_NAME}已安装好，开始菜单和桌面上都有它的图标。$\r$\n$\r$\n\
台账数据保存在本机的 %LOCALAPPDATA%\${APP_NAME} 文件夹。$\r$\n$\r$\n\
$TL_FinishCli"
LangString TL_FinishCliPath ${L} "命令行：新打开一个命令提示符窗口，输入 ${CLI_NAME} --help 查看用法。"
LangString TL_FinishCliFull ${L} "命令行：在命令提示符窗口中输入$\r$\n$\"$INSTDIR\${CLI_DIR}\${CLI_EXE_NAME}$\" --help"
LangString TL_FinishRun     ${L} "现在打开${DISPLAY_NAME}"

; uninstaller
LangString TL_UnDataTitle    ${L} "卸载${DISPLAY_NAME}"
LangString TL_UnDataSubtitle ${L} "选择是否同时删除台账数据。"
LangString TL_UnDataIntro    ${L} "将从这台电脑上卸载${DISPLAY_NAME}（程序文件夹：$INSTDIR）。$\r$\n$\r$\n\
台账数据默认保留：以后重新安装，数据还在，可以继续使用。"
LangString TL_UnDataCheck    ${L} "同时删除本机的台账数据（数据库、备份、报表和日志）"
LangString TL_UnDataWhere    ${L} "数据所在位置：$\r$\n$LOCALAPPDATA\${APP_NAME}$\r$\n$APPDATA\fyne\${APP_ID}$\r$\n$\r$\n\
勾选后这些数据会被永久删除，无法恢复。需要保留的数据请先在程序中备份或导出。"
LangString TL_UnDataConfirm  ${L} "确定要永久删除本机的全部台账数据吗？$\r$\n$\r$\n删除后无法恢复。"
LangString TL_UnNotInstalled ${L} "找不到要卸载的程序文件：$INSTDIR\${GUI_EXE_NAME}"
LangString TL_UnFinishTitle  ${L} "卸载完成"
LangString TL_UnFinishKept   ${L} "${DISPLAY_NAME}已从这台电脑上卸载。$\r$\n$\r$\n\
台账数据已保留在：$\r$\n$LOCALAPPDATA\${APP_NAME}$\r$\n$\r$\n\
重新安装后可以继续使用。不再需要时，可以手动删除这个文件夹。"
LangString TL_UnFinishDeleted ${L} "${DISPLAY_NAME}已从这台电脑上卸载，本机的台账数据也已删除。"
LangString TL_UnDataDeleted  ${L} "已删除台账数据：$LOCALAPPDATA\${APP_NAME}"
LangString TL_UnDataKept     ${L} "台账数据已保留：$LOCALAPPDATA\${APP_NAME}"

!undef L
