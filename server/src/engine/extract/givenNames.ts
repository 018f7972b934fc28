/**
 * Given names common in English-language news, lower-cased: a capitalised
 * pair with no cue ("Kevin Keegan resigned on Monday") is a person when its
 * first word is one of them and its last word is no word the text writes in
 * lower case. A list, not a model: a name missing here only loses the cue,
 * the name is still found by any other cue (title, apposition, speech verb,
 * the corpus knowing it).
 */
export const GIVEN_NAMES: ReadonlySet<string> = new Set(
  `
  aaron adam adrian alan alastair albert alex alexander alice alison amanda amy andrea andrew andy angela ann anna
  anne anthony antonio arnold arthur barbara barry ben benjamin bernard beth betty bill billy bob brian bruce carl
  carlos carol caroline catherine charles charlie chris christina christine christopher claire colin craig dan
  daniel danny david dean deborah dennis derek diana diane donald doug douglas duncan ed eddie edward elizabeth
  emily emma eric frank fred gary gavin geoff geoffrey george gerald gerry gordon graham greg gregory harold harry
  heather helen henry howard ian jack jacqueline james jamie jane janet jason jean jeff jeffrey jennifer jeremy
  jessica jill jim jimmy joan joe john jonathan joseph josh judith julia julian julie justin karen kate katherine
  keith kelly ken kenneth kevin larry laura lee leo linda lisa louise lucy luke malcolm margaret maria mark
  martin mary matt matthew michael michelle mike nancy natalie neil nicholas nick nicola nigel oliver pamela
  patricia patrick paul peter phil philip rachel ralph raymond rebecca richard rick rob robert robin roger ronald
  rose ruth ryan sally sam samantha sandra sarah scott sean sharon simon sophie stephen steve steven stuart sue
  susan terry thomas tim timothy tom tony trevor valerie victoria vincent walter wayne william
  ahmed ali andrei boris carlo dmitry francois fernando giovanni hans hassan hiroshi ivan jacques jean-pierre
  jose juan klaus luis mohammed muhammad omar pablo pedro pierre sergei vladimir wolfgang yuri
  `
    .split(/\s+/)
    .filter(Boolean),
);
