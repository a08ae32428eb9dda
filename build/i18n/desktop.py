# The window's start-up: one window per database, crashes, no OpenGL, file dialogs.
T = {
"window.already_open": ("乡镇应急执法台账已经打开，但没有响应。\n\n数据库：{{.Path}}\n\n请在任务栏中找到已打开的窗口；如果找不到，请在任务管理器中结束 TownLedger.exe 后再打开。",
    "TownLedger is already open but does not answer.\n\nDatabase: {{.Path}}\n\nLook for its window on the taskbar; if there is none, end TownLedger.exe in Task Manager and start it again."),
"window.no_opengl": ("无法打开程序窗口：这台电脑的显卡驱动不支持 OpenGL 2.1。\n\n常见于虚拟桌面、远程桌面或只装了“基本显示适配器”驱动的电脑。请安装显卡厂商的驱动程序（虚拟机请开启 3D 加速），或请管理员处理。\n\n命令行（townledger.exe）不受影响，仍可导出和报送。",
    "The program window cannot be opened: this PC's graphics driver does not support OpenGL 2.1.\n\nThis is common on virtual or remote desktops and on PCs with only the basic display driver. Install the graphics vendor's driver (on a virtual machine, enable 3D acceleration) or ask your administrator.\n\nThe command line (townledger.exe) still works for exports and sending."),
"window.crashed": ("程序遇到错误，需要关闭。已输入但未保存的内容可能丢失。\n\n错误记录：{{.Path}}\n\n请重新打开程序；如果反复出现，请把这个文件发给管理员。",
    "The program hit an error and must close. Unsaved input may be lost.\n\nError report: {{.Path}}\n\nPlease start the program again; if this recurs, send that file to your administrator."),
"window.crash_notice.title": ("程序上次意外关闭", "The program stopped unexpectedly last time"),
"window.crash_notice.text": ("上次运行时程序意外关闭。错误记录已保存在：\n{{.Path}}\n\n如果反复出现，请把这个文件发给管理员。",
    "The program stopped unexpectedly last time. Its error report is saved at:\n{{.Path}}\n\nIf this recurs, send that file to your administrator."),
"window.crash_notice.open": ("打开所在文件夹", "Open its folder"),
"file.save_title": ("另存为", "Save as"),
"file.xlsx": ("Excel 工作簿", "Excel workbook"),
"file.images": ("图片", "Images"),
"file.any": ("所有文件", "All files"),
}
