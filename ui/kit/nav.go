package kit

// CaseOpener is a section that can open one case (处罚案件).
type CaseOpener interface{ OpenCase(id string) }

// PeriodChooser is a section that can show one report period (数据报送).
type PeriodChooser interface{ ChoosePeriod(period string) }

// Refresher is a section that can read what it shows again.
type Refresher interface{ Refresh() }
