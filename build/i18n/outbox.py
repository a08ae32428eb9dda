# Sending reports to the district (app/outbox, app/settings/periods.go, ui/cli/send.go).
T = {
"outbox.host": ("服务器地址“{{.Value}}”不正确，应类似 smtp.163.com。", "The server “{{.Value}}” is not a host name like smtp.163.com."),
"outbox.port": ("端口“{{.Value}}”不正确，应为 1–65535 的数字（SSL 通常为 465 和 993）。", "The port “{{.Value}}” must be a number from 1 to 65535 (SSL usually 465 and 993)."),
"outbox.username": ("请填写邮箱登录账号。", "Enter the mail login."),
"outbox.from": ("发件地址“{{.Value}}”不是有效的邮箱地址。", "The sender “{{.Value}}” is not a valid e-mail address."),
"outbox.no_account": ("尚未设置发件邮箱。请管理员在“设置 → 邮件与报送”中填写。", "No mail account is set up. An administrator enters it under Settings → Mail & reporting."),
"outbox.no_district_email": ("尚未填写区局收件邮箱。请管理员在“设置 → 邮件与报送”中填写。", "The district's address is not set. An administrator enters it under Settings → Mail & reporting."),
"outbox.already_sent": ("{{.Period}} 第 {{.Version}} 版已于 {{.SentAt}} 报送，数据没有变化，不再重复发送。", "{{.Period}} version {{.Version}} was sent {{.SentAt}} and the data are unchanged: it is not sent again."),
"outbox.already_queued": ("{{.Period}} 第 {{.Version}} 版已在待发送队列中。", "{{.Period}} version {{.Version}} is already in the outbox."),
"outbox.file_missing": ("找不到 {{.Period}} 第 {{.Version}} 版的报表文件，请重新导出。", "The workbook of {{.Period}} version {{.Version}} is missing; export it again."),
"outbox.changed": ("{{.Period}} 第 {{.Version}} 版已于 {{.SentAt}} 报送，此后本期数据有改动。", "{{.Period}} version {{.Version}} was sent {{.SentAt}}; the period's records changed since."),
"outbox.step.export": ("正在生成 {{.Period}} 报表……", "Writing the {{.Period}} report…"),
"outbox.step.reuse": ("使用已导出的 {{.Period}} 第 {{.Version}} 版（数据未变）。", "Using the exported {{.Period}} version {{.Version}} (data unchanged)."),
"outbox.step.send": ("正在发送 {{.Period}} 第 {{.Version}} 版至 {{.To}}……", "Sending {{.Period}} version {{.Version}} to {{.To}}…"),
"settings.periods.empty": ("请至少选择一种报送周期。", "Choose at least one reporting period."),
}
T.update({
"cli.send.usage": ("请用 --period 指定报告期（如 2024-Q3），或用 --pending 重发待发送队列。", "Give the period with --period (e.g. 2024-Q3), or --pending to send what waits in the outbox."),
"cli.send.no_password": ("没有邮箱密码：本机凭据管理器中未保存，也未设置环境变量 {{.Env}}。请在程序“设置 → 邮件与报送”中保存密码，或设置该环境变量。",
    "No mail password: none is saved in the credential manager and {{.Env}} is not set. Save it under Settings → Mail & reporting, or set that variable."),
"cli.send.changed": ("{{.Detail}} 如需报送新版本，请加 --new-version。", "{{.Detail}} Add --new-version to send a new version."),
"cli.send.sent": ("已发送 {{.Period}} 第 {{.Version}} 版，邮件服务器已接收。", "Sent {{.Period}} version {{.Version}}; the mail server accepted it."),
"cli.send.no_copy": ("邮件已发出，但未能在“已发送”文件夹中保存副本：{{.Error}}", "Sent, but no copy could be filed in the Sent folder: {{.Error}}"),
"cli.send.queued": ("{{.Period}} 第 {{.Version}} 版暂未发出，已留在待发送队列中，稍后自动重试：{{.Error}}", "{{.Period}} version {{.Version}} was not sent yet and stays in the outbox for a later try: {{.Error}}"),
"cli.send.failed": ("{{.Period}} 第 {{.Version}} 版未能发出，已留在待发送队列中，改正后用 send --pending 重发：{{.Error}}", "{{.Period}} version {{.Version}} was not sent and stays in the outbox; correct the cause, then run send --pending: {{.Error}}"),
"cli.send.busy": ("该报表正由另一个程序发送，请稍后用 send --pending 查看。", "Another program is sending this report right now; check later with send --pending."),
"cli.send.acked": ("区局已回复确认 {{.Period}} 第 {{.Version}} 版。", "The district acknowledged {{.Period}} version {{.Version}}."),
})
