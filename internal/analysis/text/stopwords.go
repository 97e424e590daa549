package text

import "strings"

// IsStopword reports whether the lower-case word is a function word of the
// language lang (ISO 639-1). English, German, French, Spanish, Italian,
// Portuguese and Dutch have lists; an unknown language falls back to
// English.
func IsStopword(word, lang string) bool {
	set, ok := stopwords[lang]
	if !ok {
		set = stopwords["en"]
	}
	return set[word]
}

func wordSet(s string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

var stopwords = map[string]map[string]bool{
	"en": wordSet(`a about above after again against ago all almost also although always am among an and
	another any anyone anything are around as at be became because become been before being below between
	both but by can cannot could did do does doing done down during each either else even ever every few
	for from further get gets got had has have having he her here hers herself him himself his how however
	i if in into is it its itself just last least less let like made make many may me might more most
	much must my myself near need neither never new next no nor not now of off often on once one only or
	other others our ours ourselves out over own per perhaps put quite rather really said same say says
	see seen several shall she should since so some something still such than that the their theirs them
	themselves then there these they thing things this those though through thus to too took two under
	until up upon us use used very via was way we well were what whatever when where whether which while
	who whom whose why will with within without would yet you your yours yourself yourselves mr mrs ms
	s t d ll m re ve don doesn didn isn wasn weren won wouldn couldn shouldn aren hasn haven hadn also
	told according around going want wanted yesterday today week year years day days time`),
	"de": wordSet(`aber alle allem allen aller alles als also am an ander andere anderem anderen anderer
	anderes anderm andern anders auch auf aus bei beim bin bis bist da damit dann das dass daß dasselbe
	dazu dein deine deinem deinen deiner deines dem demselben den denn denselben der derer derselbe
	derselben des desselben dessen dich die dies diese dieselbe dieselben diesem diesen dieser dieses dir
	doch dort du durch ein eine einem einen einer eines einig einige einigem einigen einiger einiges
	einmal er es etwas euch euer eure eurem euren eurer eures für gegen gewesen hab habe haben hat hatte
	hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres im in indem ins ist jede
	jedem jeden jeder jedes jene jenem jenen jener jenes jetzt kann kein keine keinem keinen keiner keines
	können könnte machen man manche manchem manchen mancher manches mein meine meinem meinen meiner meines
	mich mir mit muss musste nach nicht nichts noch nun nur ob oder ohne sehr sein seine seinem seinen
	seiner seines selbst sich sie sind so solche solchem solchen solcher solches soll sollte sondern sonst
	über um und uns unser unsere unserem unseren unserer unseres unter viel vom von vor während war waren
	warst was weg weil weiter welche welchem welchen welcher welches wenn werde werden wie wieder will wir
	wird wirst wo wollen wollte würde würden zu zum zur zwar zwischen sagte sagt seit bereits beim laut
	heute gestern jahr jahre prozent mehr neue neuen wurde wurden worden`),
	"fr": wordSet(`a à ai aie aient aies ait alors as au aucun aucune aura aurai auraient aurais aurait
	auras aurez auriez aurions aurons auront aussi autre autres aux avaient avais avait avant avec avez
	aviez avions avoir avons ayant ayez ayons c ce ceci cela celle celles celui cependant ces cet cette
	ceux chaque chez comme comment d dans de des deux donc dont du elle elles en encore entre es est et
	étaient étais était étant été êtes étions être eu eue eues eûmes eurent eus eut eux fait faire fois
	furent fut ici il ils j je jusqu l la le les leur leurs lui m ma mais me même mes moi moins mon n ne
	ni nos notre nous on ont ou où par parce pas peu peut plus pour pourquoi puis qu quand que quel quelle
	quelles quels qui quoi s sa sans se selon ses si sien son sont sous sur t ta te tes toi ton tous tout
	toute toutes très tu un une vos votre vous y depuis après lors ans année jeudi mardi lundi mercredi
	vendredi samedi dimanche selon été déjà`),
	"es": wordSet(`a al algo algunas algunos ante antes aquel aquella aquellas aquello aquellos aquí así
	aunque cada casi como con contra cual cuales cuando cuanto de del desde donde dos durante e el él ella
	ellas ellos en entre era erais eran eras eres es esa esas ese eso esos esta está estaba estaban estado
	estamos están estar estas este esto estos estoy fue fueron fui fuimos ha había habían han has hasta hay
	he la las le les lo los más me mi mis mucho muchos muy nada ni no nos nosotros nuestra nuestro nuestros
	o os otra otras otro otros para pero poco por porque que qué quien quienes se sea según ser si sí
	siempre sin sino sobre solo sólo son su sus también tan tanto te tenía tener tiene tienen todo todos
	tras tu tú tus un una uno unos usted ustedes y ya yo año años dijo ayer hoy además`),
	"it": wordSet(`a ad al alla alle allo agli ai anche avere aveva c che chi ci come con contro cui da dal
	dalla dalle dei del della delle dello di dove e è ed era erano essere gli ha hanno i il in io la le lo
	loro ma mi mio ne nei nel nella nelle no noi non o per più poi perché quale quando quello questa
	questo se si sia sono su sua sue suo suoi sul sulla tra tu tutti tutto un una uno voi anni anno`),
	"pt": wordSet(`a à ao aos as às até com como da das de dela dele deles do dos e é ela elas ele eles em
	entre era eram essa esse esta este eu foi for foram há isso isto já lhe lhes mais mas me mesmo meu
	minha muito na não nas nem no nos nós num numa o os ou para pela pelas pelo pelos por qual quando que
	quem se sem ser seu seus só sua suas também te tem têm um uma você anos ano disse`),
	"nl": wordSet(`aan al als bij dan dat de den der deze die dit doch door dus een en er ge geen geweest
	haar had heb hebben heeft hem het hier hij hoe hun ik in is ja je kan kon maar me meer men met mij
	mijn moet na naar niet niets nog nu of om omdat ons ook op over reeds te tegen toch toen tot u uit
	uw van veel voor want waren was wat we wel werd wezen wie wij wil worden zal ze zei zelf zich zij
	zijn zo zonder zou jaar`),
}
