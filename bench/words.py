"""Word lists the synthetic corpus is written from, one per language of the site.

Words of the association's field (municipalities, training, projects, cooperation)
in each language's own script, so that the benchmark parses and slugifies text
like the real site's: Cyrillic (bg), Latin (en), Greek (el) and Turkish Latin (tr).
"""

WORDS = {
    "bg": """
        община общини асоциация кмет кметове общински съвет съветници администрация служители
        обучение обучения проект проекти програма програми партньори партньорство сътрудничество
        регион регионален развитие местно икономическо самоуправление законодателство нормативна
        уредба решение решения проблеми практически опит информация участници лектори власт
        централната консултации съдействие предложение финансиране граница трансгранично Тракия
        Хасково Кърджали Стара Загора Ямбол Сливен Димитровград Харманли Свиленград Любимец
        прозрачност политики граждани гражданско участие инвестиции инфраструктура пътища вода
        околна среда туризъм култура образование здравеопазване социални услуги бюджет данъци
        такси собственост имоти устройство територията планиране стратегия план годишен отчет
        заседание протокол решение председател заместник членове общо събрание управителен
        съвет комисия работна група експерти анализ оценка мониторинг резултати постигнати
        устойчиво дългосрочно качество ефективност капацитет квалификация умения знания
        документи заявка кандидатстване срок условия изисквания критерии подкрепа помощ
        европейски фондове средства грант договор изпълнение отчитане контрол одит
        приемственост мандат избори новоизбрани представители население селища села градове
        и на за с от в по към при като които която който че се да не е са ще бъде
    """.split(),
    "en": """
        municipality municipalities association mayor mayors municipal council councillors
        administration staff training trainings project projects programme programmes partners
        partnership cooperation region regional development local economic self-government
        legislation regulation decision decisions problems practical experience information
        participants lecturers authorities central consultations support proposal funding border
        cross-border Thrace Haskovo Kardzhali Stara Zagora Yambol Sliven Dimitrovgrad Harmanli
        Svilengrad Lyubimets transparency policies citizens civic participation investment
        infrastructure roads water environment tourism culture education health social services
        budget taxes fees property planning strategy plan annual report meeting minutes chair
        deputy members general assembly board committee working group experts analysis assessment
        monitoring results achieved sustainable long-term quality efficiency capacity
        qualification skills knowledge documents application deadline conditions requirements
        criteria help European funds grant contract implementation reporting control audit
        continuity term elections newly elected representatives population settlements villages
        towns and of for with from in on to at as which that is are will be the a an by
    """.split(),
    "el": """
        δήμος δήμοι ένωση δήμαρχος δήμαρχοι δημοτικό συμβούλιο σύμβουλοι διοίκηση υπάλληλοι
        επιμόρφωση εκπαίδευση έργο έργα πρόγραμμα προγράμματα εταίροι εταιρική σχέση συνεργασία
        περιφέρεια περιφερειακή ανάπτυξη τοπική οικονομική αυτοδιοίκηση νομοθεσία κανονισμός
        απόφαση αποφάσεις προβλήματα πρακτική εμπειρία πληροφορίες συμμετέχοντες εισηγητές αρχές
        κεντρική διαβουλεύσεις υποστήριξη πρόταση χρηματοδότηση σύνορα διασυνοριακή Θράκη Ξάνθη
        Κομοτηνή Αλεξανδρούπολη Ορεστιάδα Διδυμότειχο Σουφλί Έβρος Ροδόπη διαφάνεια πολιτικές
        πολίτες συμμετοχή επενδύσεις υποδομές δρόμοι νερό περιβάλλον τουρισμός πολιτισμός παιδεία
        υγεία κοινωνικές υπηρεσίες προϋπολογισμός φόροι τέλη περιουσία σχεδιασμός στρατηγική
        σχέδιο ετήσια έκθεση συνεδρίαση πρακτικά πρόεδρος αντιπρόεδρος μέλη γενική συνέλευση
        διοικητικό επιτροπή ομάδα εργασίας εμπειρογνώμονες ανάλυση αξιολόγηση παρακολούθηση
        αποτελέσματα βιώσιμη μακροπρόθεσμη ποιότητα αποτελεσματικότητα ικανότητα δεξιότητες
        γνώσεις έγγραφα αίτηση προθεσμία όροι απαιτήσεις κριτήρια βοήθεια ευρωπαϊκά ταμεία
        επιχορήγηση σύμβαση υλοποίηση έλεγχος συνέχεια θητεία εκλογές νεοεκλεγέντες εκπρόσωποι
        πληθυσμός οικισμοί χωριά πόλεις και της του των για με από σε στην στο ως που είναι θα
    """.split(),
    "tr": """
        belediye belediyeler birlik başkan başkanları belediye meclis üyeleri yönetim personel
        eğitim eğitimler proje projeler program programlar ortaklar ortaklık işbirliği bölge
        bölgesel kalkınma yerel ekonomik yönetim mevzuat düzenleme karar kararlar sorunlar
        pratik deneyim bilgi katılımcılar eğitmenler makamlar merkezi danışmanlık destek öneri
        finansman sınır sınır ötesi Trakya Edirne Kırklareli Tekirdağ Keşan Uzunköprü İpsala
        Enez Lüleburgaz Çorlu şeffaflık politikalar vatandaşlar sivil katılım yatırım altyapı
        yollar su çevre turizm kültür eğitim sağlık sosyal hizmetler bütçe vergiler harçlar mülk
        planlama strateji plan yıllık rapor toplantı tutanak başkan yardımcısı üyeler genel kurul
        yönetim kurulu komisyon çalışma grubu uzmanlar analiz değerlendirme izleme sonuçlar
        sürdürülebilir uzun vadeli kalite verimlilik kapasite nitelik beceriler bilgi belgeler
        başvuru süre koşullar gereklilikler kriterler yardım Avrupa fonları hibe sözleşme
        uygulama raporlama denetim süreklilik görev dönemi seçimler yeni seçilen temsilciler
        nüfus yerleşimler köyler kasabalar şehirler ve ile için bu bir olarak olan da de ise
        göre kadar gibi çok daha en her
    """.split(),
}
