/**
 * Traditional → simplified, one character for one character, for the words of this
 * domain and the commonest characters around them (a retiree back from Hong Kong or
 * Taiwan, or a phone set to 繁體). Not a full converter: a small table is cheap and keeps
 * every position of the text where it was, so highlights land on the original text.
 * Characters whose traditional form is also a different simplified character (乾, 著, 後…
 * the unsafe ones) are left out.
 */
const PAIRS = [
  '養养 資资 認认 證证 險险 喪丧 費费 撫抚 卹恤 補补 貼贴 殘残 檔档 醫医 療疗 領领 發发 錢钱 計计 辦办',
  '這这 麼么 們们 個个 會会 為为 裡里 過过 還还 說说 從从 時时 間间 問问 題题 請请 詢询 區区 鄉乡 農农',
  '親亲 屬属 難难 幫帮 歲岁 歷历 給给 樣样 機机 構构 關关 開开 準准 標标 條条 網网 號号 碼码 電电 話话',
  '員员 單单 職职 務务 業业 學学 體体 據据 數数 線线 頭头 長长 專专 復复 齡龄 殯殡 飯饭 額额 門门 診诊',
  '護护 衛卫 處处 斷断 續续 轉转 遷迁 異异 簽签 書书 國国 華华 東东 車车 見见 紀纪 兒儿 媽妈 爺爷 愛爱',
  '聽听 讀读 視视 現现 場场 臉脸 識识 別别 錄录 確确 變变 動动 應应 該该 與与 無无 沒没 嗎吗 兩两 萬万',
  '億亿 塊块 實实 際际 權权 產产 經经 濟济 營营 務务 費费 報报 審审 査查 邊边 筆笔 達达 遠远 進进 選选',
  '優优 惠惠 級级 縣县 鎮镇 鄰邻 區区 務务 傷伤 殘残 疾疾 障障 礙碍 輪轮 椅椅 設设 盲盲 聾聋 啞哑 訓训',
  '練练 補补 貧贫 困困 蘇苏 飲饮 餐餐 館馆 葬葬 喪丧 撫抚 恤恤 慰慰 問问 陽阳 節节 剛刚 歡欢 樂乐 戲戏',
  '劇剧 講讲 座座 堂堂 辭辞 職职 離离 退退 休休 協协 議议 證证 態态 傳传 遞递 郵邮 寄寄 驗验 測测 試试',
  '託托 價价 錯错 誤误 網网 絡络 訊讯 號号 綫线 鐘钟 頁页 圖图 顯显 示示 項项 類类 類类 說说 紙纸 張张',
  '戶户 籍籍 遺遗 囑嘱 繼继 承承 贍赡 負负 擔担 費费 師师 邊边 園园 廳厅 樓楼 層层 窗窗 鬧闹 聯联 繫系',
  '壽寿 終终 離离 婦妇 孫孙 姪侄 親亲 屬属 戚戚 齊齐 將将 節节 勞劳 動动 險险 點点 鐵铁 緊紧 急急 氣气',
  '療疗 藥药 醫医 院院 診诊 術术 費费 額额 總总 給给 領领 取取 銀银 帳账 賬账 戶户 卡卡 換换 掛挂 損损',
].join(' ');

export const TRADITIONAL_TO_SIMPLIFIED: ReadonlyMap<number, number> = new Map(
  PAIRS.split(' ')
    .filter((p) => p.length === 2 && p[0] !== p[1])
    .map((p) => [p.charCodeAt(0), p.charCodeAt(1)]),
);
